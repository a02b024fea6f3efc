package io.streambus.broker.purgatory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.streambus.storage.Time;

/** A clock that moves only when the test says so. */
final class ManualTime implements Time {

    private final AtomicLong nowNs = new AtomicLong(1_000_000_000L);

    @Override
    public long milliseconds() {
        return TimeUnit.NANOSECONDS.toMillis(nowNs.get());
    }

    @Override
    public long nanoseconds() {
        return nowNs.get();
    }

    void advanceMs(long ms) {
        nowNs.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }
}
