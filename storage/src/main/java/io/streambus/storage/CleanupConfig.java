package io.streambus.storage;

/**
 * How a log sheds old data, named after Kafka's topic configs: time and size retention for the
 * {@code delete} policy, key-based compaction for the {@code compact} policy (both may apply).
 *
 * @param delete                 {@code cleanup.policy} contains {@code delete}
 * @param compact                {@code cleanup.policy} contains {@code compact}
 * @param retentionMs            {@code retention.ms}: a non-active segment whose largest timestamp is older is
 *                               deleted; -1 for no limit
 * @param retentionBytes         {@code retention.bytes}: oldest segments are deleted while the log is larger;
 *                               -1 for no limit
 * @param deleteRetentionMs      {@code delete.retention.ms}: how long a tombstone survives after the cleaner
 *                               first saw it
 * @param minCleanableDirtyRatio {@code min.cleanable.dirty.ratio}: dirty fraction above which a log is cleaned
 * @param minCompactionLagMs     {@code min.compaction.lag.ms}: records younger than this are not compacted
 * @param maxCompactionLagMs     {@code max.compaction.lag.ms}: a log with dirty records older than this is
 *                               cleaned whatever its dirty ratio
 */
public record CleanupConfig(boolean delete,
                            boolean compact,
                            long retentionMs,
                            long retentionBytes,
                            long deleteRetentionMs,
                            double minCleanableDirtyRatio,
                            long minCompactionLagMs,
                            long maxCompactionLagMs) {

    public static final long DEFAULT_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;
    public static final long DEFAULT_DELETE_RETENTION_MS = 24L * 60 * 60 * 1000;

    /** Kafka's defaults: delete after 7 days, no size limit. */
    public static final CleanupConfig DEFAULT = new CleanupConfig(true, false, DEFAULT_RETENTION_MS, -1,
            DEFAULT_DELETE_RETENTION_MS, 0.5, 0, Long.MAX_VALUE);

    public CleanupConfig {
        if (!delete && !compact) {
            throw new IllegalArgumentException("cleanup.policy must contain delete, compact or both");
        }
        if (retentionMs < -1) {
            throw new IllegalArgumentException("retention.ms must be at least -1, was " + retentionMs);
        }
        if (deleteRetentionMs < 0 || minCompactionLagMs < 0 || maxCompactionLagMs < 1) {
            throw new IllegalArgumentException("delete.retention.ms and min.compaction.lag.ms must not be negative,"
                    + " max.compaction.lag.ms must be positive");
        }
        if (!(minCleanableDirtyRatio >= 0 && minCleanableDirtyRatio <= 1)) {
            throw new IllegalArgumentException("min.cleanable.dirty.ratio must be in [0, 1], was "
                    + minCleanableDirtyRatio);
        }
    }

    /** Compaction only ({@code cleanup.policy=compact}), otherwise the defaults. */
    public static CleanupConfig compacted() {
        return DEFAULT.withPolicy(false, true);
    }

    public CleanupConfig withPolicy(boolean deleteValue, boolean compactValue) {
        return new CleanupConfig(deleteValue, compactValue, retentionMs, retentionBytes, deleteRetentionMs,
                minCleanableDirtyRatio, minCompactionLagMs, maxCompactionLagMs);
    }

    public CleanupConfig withRetentionMs(long value) {
        return new CleanupConfig(delete, compact, value, retentionBytes, deleteRetentionMs, minCleanableDirtyRatio,
                minCompactionLagMs, maxCompactionLagMs);
    }

    public CleanupConfig withRetentionBytes(long value) {
        return new CleanupConfig(delete, compact, retentionMs, value, deleteRetentionMs, minCleanableDirtyRatio,
                minCompactionLagMs, maxCompactionLagMs);
    }

    public CleanupConfig withDeleteRetentionMs(long value) {
        return new CleanupConfig(delete, compact, retentionMs, retentionBytes, value, minCleanableDirtyRatio,
                minCompactionLagMs, maxCompactionLagMs);
    }

    public CleanupConfig withMinCleanableDirtyRatio(double value) {
        return new CleanupConfig(delete, compact, retentionMs, retentionBytes, deleteRetentionMs, value,
                minCompactionLagMs, maxCompactionLagMs);
    }

    public CleanupConfig withCompactionLagMs(long minValue, long maxValue) {
        return new CleanupConfig(delete, compact, retentionMs, retentionBytes, deleteRetentionMs,
                minCleanableDirtyRatio, minValue, maxValue);
    }
}
