package io.streambus.storage;

/**
 * A read-only copy of one idempotent producer's state in a log, for DescribeProducers.
 *
 * @param producerId            the producer id
 * @param producerEpoch         its current epoch
 * @param lastSequence          sequence of the last record appended
 * @param lastTimestampMs       max timestamp of its last batch (what expiry measures from)
 * @param currentTxnStartOffset first offset of its open transaction, or -1
 */
public record ActiveProducer(long producerId, short producerEpoch, int lastSequence, long lastTimestampMs,
                             long currentTxnStartOffset) {
}
