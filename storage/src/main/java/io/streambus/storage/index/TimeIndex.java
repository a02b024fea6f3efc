package io.streambus.storage.index;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * Sparse index from timestamp to offset in one segment ({@code <baseOffset>.timeindex}).
 *
 * <p>Byte layout: a sequence of 12-byte entries, big-endian:
 * <pre>
 * 0  int64  timestamp       the segment's max timestamp so far
 * 8  int32  relativeOffset  offset of the first record carrying it, minus the segment's base offset
 * </pre>
 * An entry is added (at most once per {@code index.interval.bytes}) only when the max timestamp has
 * grown, so timestamps strictly increase, and every record before an entry's offset has a smaller
 * timestamp. A final entry is written when the segment is rolled or closed, so the last entry holds
 * the segment's max timestamp.
 *
 * <p>Threading: see {@link MappedIndex}.
 */
public final class TimeIndex extends MappedIndex {

    public static final int ENTRY_SIZE = 12;

    public TimeIndex(Path file, long baseOffset, int maxIndexBytes, boolean active) throws IOException {
        super(file, baseOffset, ENTRY_SIZE, maxIndexBytes, active);
    }

    /**
     * Adds an entry when {@code timestamp} is above the last one.
     *
     * @param finalEntry true at roll and close: may use the slot kept free for it
     */
    public void maybeAppend(long timestamp, long offset, boolean finalEntry) {
        int n = entries();
        if (n > 0 && timestamp <= lastTimestamp()) {
            return;
        }
        int slot = nextSlot(finalEntry);
        if (slot < 0) {
            return;
        }
        MappedByteBuffer b = buffer;
        b.putLong(slot, timestamp);
        b.putInt(slot + 8, (int) (offset - baseOffset));
        publishEntry();
    }

    /** The last entry's timestamp, or -1 when empty. */
    public long lastTimestamp() {
        int n = entries();
        return n == 0 ? -1 : buffer.getLong((n - 1) * ENTRY_SIZE);
    }

    /** The last entry's offset, or -1 when empty. */
    public long lastEntryOffset() {
        int n = entries();
        return n == 0 ? -1 : baseOffset + buffer.getInt((n - 1) * ENTRY_SIZE + 8);
    }

    /**
     * Offset from which to scan for the earliest record with a timestamp at or after {@code timestampMs}:
     * the offset of the last entry whose timestamp is at or below it, else the segment's base offset.
     */
    public long lookup(long timestampMs) {
        MappedByteBuffer b = buffer;
        int n = largestAtOrBelow(timestampMs);
        return n < 0 ? baseOffset : baseOffset + b.getInt(n * ENTRY_SIZE + 8);
    }

    @Override
    protected long key(MappedByteBuffer b, int n) {
        return b.getLong(n * ENTRY_SIZE);
    }

    @Override
    public void sanityCheck(long logSizeBytes) {
        MappedByteBuffer b = buffer;
        long previousTimestamp = Long.MIN_VALUE;
        int previousOffset = -1;
        for (int n = 0; n < entries(); n++) {
            long timestamp = b.getLong(n * ENTRY_SIZE);
            int relative = b.getInt(n * ENTRY_SIZE + 8);
            if (timestamp <= previousTimestamp || relative < previousOffset || relative < 0) {
                throw new CorruptIndexException("time index " + file() + " entry " + n + " (" + timestamp
                        + ", " + relative + ") out of order");
            }
            previousTimestamp = timestamp;
            previousOffset = relative;
        }
        if (entries() > 0 && logSizeBytes == 0) {
            throw new CorruptIndexException("time index " + file() + " has entries but the log is empty");
        }
    }
}
