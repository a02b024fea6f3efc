package io.streambus.broker.partition;

import io.streambus.broker.api.BrokerException;
import io.streambus.metadata.config.EffectiveTopicConfig;
import io.streambus.metadata.config.TopicConfigs;
import io.streambus.storage.batch.BatchHeader;
import java.nio.ByteBuffer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.RecordBatch;

/**
 * The topic configs a client's produce is checked against before anything is appended: {@code
 * min.insync.replicas} for acks=all, and {@code message.timestamp.before.max.ms} / {@code after.max.ms} for
 * CreateTime topics. Immutable; a partition swaps in a new one when its topic's configs change.
 *
 * @param minInsyncReplicas     fewest in-sync replicas an acks=all produce needs (NOT_ENOUGH_REPLICAS below)
 * @param timestampBeforeMaxMs  largest age of a CreateTime timestamp relative to the broker's clock
 * @param timestampAfterMaxMs   furthest a CreateTime timestamp may lie ahead of the broker's clock
 * @param checkTimestamps       whether the topic keeps CreateTime (under LogAppendTime the broker stamps them)
 */
public record ProducePolicy(int minInsyncReplicas, long timestampBeforeMaxMs, long timestampAfterMaxMs,
                            boolean checkTimestamps) {

    public static final ProducePolicy DEFAULT = new ProducePolicy(TopicConfigs.MIN_INSYNC_REPLICAS.defaultValue(),
            TopicConfigs.MESSAGE_TIMESTAMP_BEFORE_MAX_MS.defaultValue(),
            TopicConfigs.MESSAGE_TIMESTAMP_AFTER_MAX_MS.defaultValue(), true);

    public static ProducePolicy of(EffectiveTopicConfig config) {
        return new ProducePolicy(config.value(TopicConfigs.MIN_INSYNC_REPLICAS),
                config.value(TopicConfigs.MESSAGE_TIMESTAMP_BEFORE_MAX_MS),
                config.value(TopicConfigs.MESSAGE_TIMESTAMP_AFTER_MAX_MS),
                "CreateTime".equals(config.value(TopicConfigs.MESSAGE_TIMESTAMP_TYPE)));
    }

    /**
     * Kafka's check before an acks=all append: with fewer in-sync replicas than {@code min.insync.replicas}
     * nothing is written.
     *
     * @throws BrokerException NOT_ENOUGH_REPLICAS
     */
    public void checkInSyncReplicas(TopicPartition partition, int inSyncReplicas) {
        if (inSyncReplicas < minInsyncReplicas) {
            throw new BrokerException(Errors.NOT_ENOUGH_REPLICAS, "The size of the current ISR (" + inSyncReplicas
                    + ") is insufficient to satisfy the min.isr requirement of " + minInsyncReplicas
                    + " for partition " + partition);
        }
    }

    /**
     * Checks every batch's first and largest timestamp, as its header gives them (records are not decompressed
     * for this), against the allowed window around {@code nowMs}. A malformed buffer is left to the storage
     * layer's validation.
     *
     * @throws BrokerException INVALID_TIMESTAMP naming the timestamp and the window
     */
    public void checkTimestamps(ByteBuffer records, long nowMs) {
        if (!checkTimestamps || (timestampBeforeMaxMs == Long.MAX_VALUE && timestampAfterMaxMs == Long.MAX_VALUE)) {
            return;
        }
        long earliest = timestampBeforeMaxMs >= nowMs ? Long.MIN_VALUE : nowMs - timestampBeforeMaxMs;
        long latest = timestampAfterMaxMs > Long.MAX_VALUE - nowMs ? Long.MAX_VALUE : nowMs + timestampAfterMaxMs;
        int position = records.position();
        while (records.limit() - position >= BatchHeader.HEADER_SIZE) {
            checkTimestamp(records.getLong(position + BatchHeader.BASE_TIMESTAMP), earliest, latest);
            checkTimestamp(records.getLong(position + BatchHeader.MAX_TIMESTAMP), earliest, latest);
            int batchLength = records.getInt(position + BatchHeader.BATCH_LENGTH);
            if (batchLength <= 0) {
                return;
            }
            position += BatchHeader.LOG_OVERHEAD + batchLength;
        }
    }

    private static void checkTimestamp(long timestamp, long earliest, long latest) {
        if (timestamp != RecordBatch.NO_TIMESTAMP && (timestamp < earliest || timestamp > latest)) {
            throw new BrokerException(Errors.INVALID_TIMESTAMP, "Timestamp " + timestamp
                    + " of a record batch is out of range. The timestamp should be within [" + earliest + ", "
                    + latest + "]");
        }
    }
}
