package io.streambus.storage.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.storage.testing.ManualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IoThrottlerTest {

    @Test
    void pausesOnceBookedBytesRunAheadOfTheRateByMoreThanTheBurst() {
        ManualTime time = new ManualTime();
        List<Long> pauses = new ArrayList<>();
        IoThrottler throttler = new IoThrottler(1_000_000, time, ns -> {
            pauses.add(ns);
            time.advanceMs(TimeUnit.NANOSECONDS.toMillis(ns));
        });
        throttler.acquire(100_000); // 100 ms worth: within the burst
        assertThat(pauses).isEmpty();
        throttler.acquire(500_000); // now 600 ms booked at t=0: wait 500 ms, in 100 ms slices
        assertThat(pauses).hasSize(5).allMatch(ns -> ns == TimeUnit.MILLISECONDS.toNanos(100));
        time.advanceMs(10_000); // idle time is not saved up beyond the burst
        throttler.acquire(200_000);
        assertThat(pauses).hasSize(6);
        assertThat(throttler.pausedNs()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(600));
    }

    @Test
    void aPauseEndsEarlyOnceAbandoned() {
        ManualTime time = new ManualTime();
        List<Long> pauses = new ArrayList<>();
        IoThrottler throttler = new IoThrottler(1_000_000, time, pauses::add);
        throttler.acquire(10_000_000, () -> pauses.size() >= 2); // 10 s worth
        assertThat(pauses).hasSize(2);
    }

    @Test
    void anUnlimitedRateNeverPauses() {
        List<Long> pauses = new ArrayList<>();
        IoThrottler throttler = new IoThrottler(Double.MAX_VALUE, new ManualTime(), pauses::add);
        throttler.acquire(Long.MAX_VALUE / 2);
        assertThat(pauses).isEmpty();
    }
}
