package io.streambus.storage.cleaner;

import io.streambus.storage.Time;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * {@code log.cleaner.io.max.bytes.per.second}: a token bucket shared by the cleaner threads. Each read or
 * write of the cleaner books its bytes; when the booked bytes run more than a short burst ahead of the rate,
 * the caller pauses until they no longer do.
 *
 * <p>Threading: thread-safe (synchronized); the pause happens while holding the monitor, so all cleaner
 * threads share the one budget.
 */
public final class IoThrottler {

    private static final long BURST_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long PAUSE_SLICE_MS = 100;

    private final double bytesPerSecond;
    private final Time time;
    private final LongConsumer pauseNs;
    private long nextFreeNs = Long.MIN_VALUE;
    private long pausedNs;

    public IoThrottler(double bytesPerSecond, Time time) {
        this(bytesPerSecond, time, LockSupport::parkNanos);
    }

    /** With an injectable pause, for tests driving a manual clock. */
    IoThrottler(double bytesPerSecond, Time time, LongConsumer pauseNs) {
        if (!(bytesPerSecond > 0)) {
            throw new IllegalArgumentException("log.cleaner.io.max.bytes.per.second must be positive");
        }
        this.bytesPerSecond = bytesPerSecond;
        this.time = time;
        this.pauseNs = pauseNs;
    }

    /** Books {@code bytes} of I/O, pausing the caller if the rate is exceeded. */
    public void acquire(long bytes) {
        acquire(bytes, () -> false);
    }

    /**
     * As {@link #acquire(long)}, pausing in slices of at most {@value #PAUSE_SLICE_MS} ms and returning early
     * once {@code abandon} is true (the cleaner stops, or its log is being deleted).
     */
    public synchronized void acquire(long bytes, BooleanSupplier abandon) {
        if (Double.isInfinite(bytesPerSecond) || bytesPerSecond >= Double.MAX_VALUE) {
            return;
        }
        long now = time.nanoseconds();
        long costNs = (long) (bytes * 1e9 / bytesPerSecond);
        nextFreeNs = Math.max(nextFreeNs, now) + costNs;
        long waitNs = nextFreeNs - now - BURST_NS;
        long sliceNs = TimeUnit.MILLISECONDS.toNanos(PAUSE_SLICE_MS);
        while (waitNs > 0 && !abandon.getAsBoolean()) {
            long pause = Math.min(waitNs, sliceNs);
            pausedNs += pause;
            pauseNs.accept(pause);
            waitNs -= pause;
        }
    }

    /** Total time callers were paused, for stats and tests. */
    public synchronized long pausedNs() {
        return pausedNs;
    }
}
