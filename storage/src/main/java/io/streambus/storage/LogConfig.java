package io.streambus.storage;

import java.util.Objects;
import org.apache.kafka.common.record.TimestampType;

/**
 * Immutable settings of one partition log, named after Kafka's topic configs.
 *
 * @param segmentBytes       {@code segment.bytes}: roll the active segment when it would grow past this
 * @param segmentMs          {@code segment.ms}: roll when the active segment's first batch is older than this
 * @param segmentIndexBytes  {@code segment.index.bytes}: maximum size of each index file
 * @param indexIntervalBytes {@code index.interval.bytes}: bytes of batches between two index entries
 * @param maxMessageBytes    {@code max.message.bytes}: largest batch accepted
 * @param timestampType      {@code message.timestamp.type}
 * @param durability         {@code flush.policy} (StreamBus): fsync, interval or none
 * @param flushIntervalMs    {@code flush.ms}: period of the background fsync under {@link DurabilityPolicy#INTERVAL}
 * @param preallocate        {@code preallocate}: accepted for Kafka compatibility but not acted on; see
 *                           storage/README.md for why segments are not preallocated
 * @param producerIdExpirationMs {@code producer.id.expiration.ms}: an idempotent producer's state is dropped
 *                           when its last batch's timestamp is older than this
 * @param cleanup            {@code cleanup.policy} and the retention and compaction settings
 */
public record LogConfig(int segmentBytes,
                        long segmentMs,
                        int segmentIndexBytes,
                        int indexIntervalBytes,
                        int maxMessageBytes,
                        TimestampType timestampType,
                        DurabilityPolicy durability,
                        long flushIntervalMs,
                        boolean preallocate,
                        long producerIdExpirationMs,
                        CleanupConfig cleanup) {

    public static final int DEFAULT_SEGMENT_BYTES = 1024 * 1024 * 1024;
    public static final long DEFAULT_SEGMENT_MS = 7L * 24 * 60 * 60 * 1000;
    public static final int DEFAULT_SEGMENT_INDEX_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_INDEX_INTERVAL_BYTES = 4096;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024 + 12;
    public static final long DEFAULT_FLUSH_INTERVAL_MS = 1000;
    public static final long DEFAULT_PRODUCER_ID_EXPIRATION_MS = 24L * 60 * 60 * 1000;

    public static final LogConfig DEFAULT = new LogConfig(DEFAULT_SEGMENT_BYTES, DEFAULT_SEGMENT_MS,
            DEFAULT_SEGMENT_INDEX_BYTES, DEFAULT_INDEX_INTERVAL_BYTES, DEFAULT_MAX_MESSAGE_BYTES,
            TimestampType.CREATE_TIME, DurabilityPolicy.FSYNC, DEFAULT_FLUSH_INTERVAL_MS, false,
            DEFAULT_PRODUCER_ID_EXPIRATION_MS, CleanupConfig.DEFAULT);

    public LogConfig {
        Objects.requireNonNull(cleanup, "cleanup");
        Objects.requireNonNull(timestampType, "timestampType");
        Objects.requireNonNull(durability, "durability");
        requireAtLeast("segment.bytes", segmentBytes, 14);
        requireAtLeast("segment.ms", segmentMs, 1);
        requireAtLeast("segment.index.bytes", segmentIndexBytes, 8 * 4);
        requireAtLeast("index.interval.bytes", indexIntervalBytes, 0);
        requireAtLeast("max.message.bytes", maxMessageBytes, 0);
        requireAtLeast("flush.ms", flushIntervalMs, 1);
        requireAtLeast("producer.id.expiration.ms", producerIdExpirationMs, 1);
        if (timestampType == TimestampType.NO_TIMESTAMP_TYPE) {
            throw new IllegalArgumentException("message.timestamp.type must be CreateTime or LogAppendTime");
        }
    }

    /** Without {@code producer.id.expiration.ms} (a broker-wide setting in Kafka): takes the default. */
    public LogConfig(int segmentBytes, long segmentMs, int segmentIndexBytes, int indexIntervalBytes,
                     int maxMessageBytes, TimestampType timestampType, DurabilityPolicy durability,
                     long flushIntervalMs, boolean preallocate) {
        this(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, maxMessageBytes, timestampType,
                durability, flushIntervalMs, preallocate, DEFAULT_PRODUCER_ID_EXPIRATION_MS, CleanupConfig.DEFAULT);
    }

    private static void requireAtLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", was " + value);
        }
    }

    public LogConfig withSegmentBytes(int value) {
        return new LogConfig(value, segmentMs, segmentIndexBytes, indexIntervalBytes, maxMessageBytes,
                timestampType, durability, flushIntervalMs, preallocate,
                producerIdExpirationMs, cleanup);
    }

    public LogConfig withSegmentMs(long value) {
        return new LogConfig(segmentBytes, value, segmentIndexBytes, indexIntervalBytes, maxMessageBytes,
                timestampType, durability, flushIntervalMs, preallocate,
                producerIdExpirationMs, cleanup);
    }

    public LogConfig withSegmentIndexBytes(int value) {
        return new LogConfig(segmentBytes, segmentMs, value, indexIntervalBytes, maxMessageBytes,
                timestampType, durability, flushIntervalMs, preallocate,
                producerIdExpirationMs, cleanup);
    }

    public LogConfig withIndexIntervalBytes(int value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, value, maxMessageBytes,
                timestampType, durability, flushIntervalMs, preallocate,
                producerIdExpirationMs, cleanup);
    }

    public LogConfig withMaxMessageBytes(int value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, value,
                timestampType, durability, flushIntervalMs, preallocate,
                producerIdExpirationMs, cleanup);
    }

    public LogConfig withTimestampType(TimestampType value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, maxMessageBytes,
                value, durability, flushIntervalMs, preallocate,
                producerIdExpirationMs, cleanup);
    }

    public LogConfig withDurability(DurabilityPolicy value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, maxMessageBytes,
                timestampType, value, flushIntervalMs, preallocate,
                producerIdExpirationMs, cleanup);
    }

    public LogConfig withFlushIntervalMs(long value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, maxMessageBytes,
                timestampType, durability, value, preallocate,
                producerIdExpirationMs, cleanup);
    }

    public LogConfig withPreallocate(boolean value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, maxMessageBytes,
                timestampType, durability, flushIntervalMs, value,
                producerIdExpirationMs, cleanup);
    }

    public LogConfig withProducerIdExpirationMs(long value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, maxMessageBytes,
                timestampType, durability, flushIntervalMs, preallocate, value, cleanup);
    }

    public LogConfig withCleanup(CleanupConfig value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, maxMessageBytes,
                timestampType, durability, flushIntervalMs, preallocate, producerIdExpirationMs, value);
    }
}
