package io.streambus.storage;

import io.streambus.storage.cleaner.CleanerConfig;
import java.util.Objects;

/**
 * Settings of a {@link LogManager}, named after Kafka's broker configs where they exist.
 *
 * @param recoveryThreads          {@code num.recovery.threads.per.data.dir}: logs opened in parallel at start-up
 * @param flusherThreads           threads shared by all logs for fsync (group commit, interval, roll)
 * @param checkpointIntervalMs     {@code log.flush.offset.checkpoint.interval.ms}: how often checkpoints are written
 * @param fileDeleteDelayMs        {@code file.delete.delay.ms}: how long deleted segment files linger for in-flight reads
 * @param retentionCheckIntervalMs {@code log.retention.check.interval.ms}: how often time and size retention run
 * @param cleaner                  the log cleaner's settings ({@code log.cleaner.*})
 */
public record LogManagerConfig(int recoveryThreads, int flusherThreads, long checkpointIntervalMs,
                               long fileDeleteDelayMs, long retentionCheckIntervalMs, CleanerConfig cleaner) {

    public static final long DEFAULT_RETENTION_CHECK_INTERVAL_MS = 300_000;

    public static final LogManagerConfig DEFAULT = new LogManagerConfig(2, 2, 60_000, 60_000);

    public LogManagerConfig {
        Objects.requireNonNull(cleaner, "cleaner");
        if (recoveryThreads < 1 || flusherThreads < 1) {
            throw new IllegalArgumentException("recovery and flusher threads must be at least 1");
        }
        if (checkpointIntervalMs < 1 || fileDeleteDelayMs < 0 || retentionCheckIntervalMs < 1) {
            throw new IllegalArgumentException("checkpoint and retention check intervals must be positive, "
                    + "delete delay not negative");
        }
    }

    /** With the default retention check interval and cleaner settings. */
    public LogManagerConfig(int recoveryThreads, int flusherThreads, long checkpointIntervalMs,
                            long fileDeleteDelayMs) {
        this(recoveryThreads, flusherThreads, checkpointIntervalMs, fileDeleteDelayMs,
                DEFAULT_RETENTION_CHECK_INTERVAL_MS, CleanerConfig.DEFAULT);
    }

    public LogManagerConfig withRetentionCheckIntervalMs(long value) {
        return new LogManagerConfig(recoveryThreads, flusherThreads, checkpointIntervalMs, fileDeleteDelayMs, value,
                cleaner);
    }

    public LogManagerConfig withFileDeleteDelayMs(long value) {
        return new LogManagerConfig(recoveryThreads, flusherThreads, checkpointIntervalMs, value,
                retentionCheckIntervalMs, cleaner);
    }

    public LogManagerConfig withCleaner(CleanerConfig value) {
        return new LogManagerConfig(recoveryThreads, flusherThreads, checkpointIntervalMs, fileDeleteDelayMs,
                retentionCheckIntervalMs, value);
    }
}
