package io.streambus.storage;

/**
 * Settings of a {@link LogManager}, named after Kafka's broker configs where they exist.
 *
 * @param recoveryThreads      {@code num.recovery.threads.per.data.dir}: logs opened in parallel at start-up
 * @param flusherThreads       threads shared by all logs for fsync (group commit, interval, roll)
 * @param checkpointIntervalMs {@code log.flush.offset.checkpoint.interval.ms}: how often checkpoints are written
 * @param fileDeleteDelayMs    {@code file.delete.delay.ms}: how long deleted segment files linger for in-flight reads
 */
public record LogManagerConfig(int recoveryThreads, int flusherThreads, long checkpointIntervalMs,
                               long fileDeleteDelayMs) {

    public static final LogManagerConfig DEFAULT = new LogManagerConfig(2, 2, 60_000, 60_000);

    public LogManagerConfig {
        if (recoveryThreads < 1 || flusherThreads < 1) {
            throw new IllegalArgumentException("recovery and flusher threads must be at least 1");
        }
        if (checkpointIntervalMs < 1 || fileDeleteDelayMs < 0) {
            throw new IllegalArgumentException("checkpoint interval must be positive, delete delay not negative");
        }
    }
}
