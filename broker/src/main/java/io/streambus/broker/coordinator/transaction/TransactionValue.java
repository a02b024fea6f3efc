package io.streambus.broker.coordinator.transaction;

import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The durable state of one transactional id: the value of its {@code __transaction_state} record.
 * Immutable; the coordinator computes the next value, writes it, and replays it into its map.
 *
 * @param producerId          the current producer id
 * @param lastProducerId      the previous one (after an epoch overflow gave a new id), or -1
 * @param producerEpoch       the current epoch
 * @param lastProducerEpoch   the epoch before the last bump, or -1
 * @param timeoutMs           {@code transaction.timeout.ms} the producer asked for
 * @param state               where the transaction is
 * @param partitions          the partitions of the current transaction (empty when idle)
 * @param txnStartTimestampMs when the current transaction began, or -1
 * @param lastUpdateTimestampMs when this value was written
 */
public record TransactionValue(long producerId, long lastProducerId, short producerEpoch, short lastProducerEpoch,
                               int timeoutMs, TransactionState state, Set<TopicPartition> partitions,
                               long txnStartTimestampMs, long lastUpdateTimestampMs) {

    public TransactionValue {
        Objects.requireNonNull(state, "state");
        partitions = Set.copyOf(partitions);
    }

    TransactionValue withState(TransactionState newState, Set<TopicPartition> newPartitions, long nowMs) {
        long start = newState == TransactionState.ONGOING && state != TransactionState.ONGOING ? nowMs
                : newState.isIdle() ? -1 : txnStartTimestampMs;
        return new TransactionValue(producerId, lastProducerId, producerEpoch, lastProducerEpoch, timeoutMs, newState,
                newPartitions, start, nowMs);
    }

    TransactionValue withEpoch(long newProducerId, short newEpoch, long nowMs) {
        return new TransactionValue(newProducerId, newProducerId == producerId ? lastProducerId : producerId, newEpoch,
                producerEpoch, timeoutMs, state, partitions, txnStartTimestampMs, nowMs);
    }

    TransactionValue withTimeout(int newTimeoutMs) {
        return new TransactionValue(producerId, lastProducerId, producerEpoch, lastProducerEpoch, newTimeoutMs, state,
                partitions, txnStartTimestampMs, lastUpdateTimestampMs);
    }
}
