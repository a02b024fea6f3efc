package io.streambus.storage.log;

import io.streambus.storage.Time;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every log of a data directory shares, owned by {@link io.streambus.storage.LogManager}.
 *
 * @param time              the clock for segment ages and LogAppendTime
 * @param scheduler         timers: interval flushes, delayed file deletion
 * @param flushers          the small pool that runs every fsync, off the append path
 * @param fileDeleteDelayMs how long a deleted segment's files linger (renamed) for in-flight reads
 */
public record LogContext(Time time, ScheduledExecutorService scheduler, ExecutorService flushers,
                         long fileDeleteDelayMs) {

    public LogContext {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(flushers, "flushers");
    }
}
