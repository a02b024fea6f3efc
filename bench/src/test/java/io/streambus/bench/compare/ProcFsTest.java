package io.streambus.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcFsTest {

    @Test
    void cpuTimeCountsFieldsAfterTheLastParenthesis() {
        // comm "(java) x" has a space and a parenthesis; utime=250, stime=50 ticks.
        String stat = "4242 ((java) x) S 1 4242 4242 0 -1 4194560 1234 0 0 0 250 50 0 0 20 0 31 0 100 1 2 3";
        assertThat(ProcFs.cpuSeconds(stat)).isEqualTo(3.0);
    }

    @Test
    void peakRssIsVmHwmInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 9999 kB\nVmHWM:\t   204800 kB\nVmRSS:\t  100 kB\n";
        assertThat(ProcFs.peakRssBytes(status)).isEqualTo(204800L * 1024);
        assertThatThrownBy(() -> ProcFs.peakRssBytes("Name:\tjava\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsALiveProcess() throws Exception {
        long pid = ProcessHandle.current().pid();
        long busyUntil = System.nanoTime() + 50_000_000;
        long sink = 0;
        while (System.nanoTime() < busyUntil) {
            sink += System.identityHashCode(new Object());
        }
        ProcessSample sample = ProcFs.sample(pid);
        assertThat(sample.cpuSeconds()).as("sink %d", sink).isPositive();
        // A running JVM holds at least its code and heap: tens of MiB, and far less than a TiB.
        assertThat(sample.peakRssBytes()).isBetween(10L << 20, 1L << 40);
    }
}
