package io.streambus.storage;

/**
 * The outcome of a read. Out-of-range reads are values, not exceptions, because consumers hit them
 * routinely (after retention, or with a stale committed offset) and the broker maps each to an error.
 */
public sealed interface ReadResult {

    /**
     * Batches found. {@code slice} is empty when the start offset equals the upper bound (a consumer
     * that is caught up), which is not an error.
     */
    record Records(LogSlice slice, long logStartOffset, long logEndOffset) implements ReadResult {
        public boolean isEmpty() {
            return slice == null || slice.sizeInBytes() == 0;
        }
    }

    /** The start offset is below the log start offset: the data was deleted or never existed. */
    record BeforeLogStart(long logStartOffset, long logEndOffset) implements ReadResult {
    }

    /** The start offset is beyond the log end offset. */
    record PastLogEnd(long logStartOffset, long logEndOffset) implements ReadResult {
    }
}
