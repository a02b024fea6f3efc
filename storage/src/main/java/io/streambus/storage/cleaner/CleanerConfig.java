package io.streambus.storage.cleaner;

/**
 * Settings of the log cleaner, named after Kafka's broker configs.
 *
 * @param enabled                {@code log.cleaner.enable}
 * @param threads                {@code log.cleaner.threads}
 * @param ioMaxBytesPerSecond    {@code log.cleaner.io.max.bytes.per.second}: read plus write rate of all threads
 * @param dedupeBufferBytes      {@code log.cleaner.dedupe.buffer.size}: offset map memory across all threads,
 *                               allocated when a thread first cleans
 * @param backoffMs              {@code log.cleaner.backoff.ms}: how long a thread waits when no log is due
 */
public record CleanerConfig(boolean enabled, int threads, double ioMaxBytesPerSecond, long dedupeBufferBytes,
                            long backoffMs) {

    public static final CleanerConfig DEFAULT = new CleanerConfig(true, 1, Double.MAX_VALUE, 128L * 1024 * 1024,
            15_000);

    public CleanerConfig {
        if (threads < 1 || !(ioMaxBytesPerSecond > 0) || backoffMs < 1) {
            throw new IllegalArgumentException("log.cleaner.threads, log.cleaner.io.max.bytes.per.second and "
                    + "log.cleaner.backoff.ms must be positive");
        }
        if (dedupeBufferBytes / threads < 1024 * 1024) {
            throw new IllegalArgumentException("log.cleaner.dedupe.buffer.size must be at least 1 MiB per thread");
        }
    }
}
