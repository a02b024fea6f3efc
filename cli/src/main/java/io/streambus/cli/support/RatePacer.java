package io.streambus.cli.support;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Spaces out events to at most {@code ratePerSecond}: event n may start at start + n / rate. A caller that
 * fell behind (a late wake-up, a slow send) may catch up by at most {@link #CATCH_UP_NS} worth of events, so
 * the rate holds despite timer slack without long bursts after a stall. Used by one thread; time is injected
 * for tests.
 */
public final class RatePacer {

    static final long CATCH_UP_NS = 10_000_000L;

    private final long intervalNs;
    private final long catchUpNs;
    private final LongSupplier nanoTime;
    private long nextNs;

    /** @param ratePerSecond events per second; 0 or less means unlimited */
    public RatePacer(double ratePerSecond, LongSupplier nanoTime) {
        this.intervalNs = ratePerSecond <= 0 ? 0 : (long) (1_000_000_000L / ratePerSecond);
        this.catchUpNs = Math.max(intervalNs, CATCH_UP_NS);
        this.nanoTime = nanoTime;
        this.nextNs = nanoTime.getAsLong();
    }

    public static RatePacer unlimited() {
        return new RatePacer(0, System::nanoTime);
    }

    /** @return how long the caller must wait before its next event, in ns (0: go now); books the slot */
    public long reserveNs() {
        if (intervalNs == 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        long waitNs = nextNs - now;
        nextNs = Math.max(nextNs, now - catchUpNs) + intervalNs;
        return Math.max(0, waitNs);
    }

    /** Waits for the next slot. Pacing is a deliberate wait for time itself, not for a condition. */
    public void acquire() {
        long waitNs = reserveNs();
        while (waitNs > 0) {
            long until = System.nanoTime() + waitNs;
            LockSupport.parkNanos(waitNs);
            waitNs = until - System.nanoTime();
        }
    }
}
