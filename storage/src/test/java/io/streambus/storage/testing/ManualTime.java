package io.streambus.storage.testing;

import io.streambus.storage.Time;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Time} that moves only when a test says so. Thread-safe. */
public final class ManualTime implements Time {

    private final AtomicLong nanos;
    private final long wallClockOffsetMs;

    public ManualTime() {
        this(1_700_000_000_000L);
    }

    public ManualTime(long startMs) {
        this.nanos = new AtomicLong(0);
        this.wallClockOffsetMs = startMs;
    }

    @Override
    public long milliseconds() {
        return wallClockOffsetMs + TimeUnit.NANOSECONDS.toMillis(nanos.get());
    }

    @Override
    public long nanoseconds() {
        return nanos.get();
    }

    public void advanceMs(long ms) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }
}
