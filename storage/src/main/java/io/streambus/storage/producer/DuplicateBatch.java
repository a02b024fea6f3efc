package io.streambus.storage.producer;

/**
 * A producer retry of a batch already in the log: what the original append returned.
 *
 * @param firstOffset    first offset of the original batch
 * @param lastOffset     last offset of the original batch
 * @param maxTimestampMs max timestamp of the original batch (its append time on LogAppendTime topics)
 */
public record DuplicateBatch(long firstOffset, long lastOffset, long maxTimestampMs) {
}
