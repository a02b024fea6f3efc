package io.streambus.storage.testing;

import io.streambus.storage.Time;
import io.streambus.storage.log.LogContext;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The threads a standalone log needs in a test (what a LogManager would own). Close it after the test. */
public final class TestLogContext implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService flushers = Executors.newFixedThreadPool(2);
    private final LogContext context;

    public TestLogContext(Time time) {
        this(time, 0);
    }

    public TestLogContext(Time time, long fileDeleteDelayMs) {
        this.context = new LogContext(time, scheduler, flushers, fileDeleteDelayMs);
    }

    public LogContext context() {
        return context;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        flushers.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            flushers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
