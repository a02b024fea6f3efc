package io.streambus.cli.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints a progress line (rate, MB/s, latency percentiles of the last interval) to stderr at a fixed
 * interval, on its own daemon thread, until closed.
 */
final class ProgressReporter implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("streambus-bench-progress").factory());

    ProgressReporter(BenchStats stats, PrintWriter err, Duration interval, long startNs) {
        long intervalNs = interval.toNanos();
        timer.scheduleAtFixedRate(() -> {
            long elapsedS = (System.nanoTime() - startNs) / 1_000_000_000L;
            err.println(BenchStats.progressLine(elapsedS, stats.interval(), intervalNs / 1e9));
            err.flush();
        }, intervalNs, intervalNs, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
