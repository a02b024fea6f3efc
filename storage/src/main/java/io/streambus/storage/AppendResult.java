package io.streambus.storage;

/**
 * What an append did.
 *
 * @param firstOffset    offset of the first record appended (or, for a duplicate, first appended originally)
 * @param lastOffset     offset of the last record appended
 * @param logAppendTimeMs the broker time stamped into the batches, or -1 for {@code CreateTime} topics
 * @param logStartOffset the log start offset after the append
 * @param duplicate      true when the batch was a producer retry of one already in the log: nothing was
 *                       written and the offsets are those of the original append
 */
public record AppendResult(long firstOffset, long lastOffset, long logAppendTimeMs, long logStartOffset,
                           boolean duplicate) {
}
