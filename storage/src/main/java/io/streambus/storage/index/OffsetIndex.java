package io.streambus.storage.index;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * Sparse index from offset to file position in one segment ({@code <baseOffset>.index}).
 *
 * <p>Byte layout: a sequence of 8-byte entries, big-endian, sorted by offset:
 * <pre>
 * 0  int32  relativeOffset  base offset of a batch minus the segment's base offset
 * 4  int32  position        byte position of that batch in the segment's .log file
 * </pre>
 * An entry is added once per {@code index.interval.bytes} of batches. No header; the entry count is
 * the file length / 8 for a trimmed file.
 *
 * <p>Threading: see {@link MappedIndex}.
 */
public final class OffsetIndex extends MappedIndex {

    public static final int ENTRY_SIZE = 8;

    public OffsetIndex(Path file, long baseOffset, int maxIndexBytes, boolean active) throws IOException {
        super(file, baseOffset, ENTRY_SIZE, maxIndexBytes, active);
    }

    /** Adds an entry for the batch starting at {@code offset}; false when the index is full. */
    public boolean append(long offset, int position) {
        int relative = relativeOffset(offset);
        int slot = nextSlot(false);
        if (slot < 0) {
            return false;
        }
        MappedByteBuffer b = buffer;
        b.putInt(slot, relative);
        b.putInt(slot + 4, position);
        publishEntry();
        return true;
    }

    private int relativeOffset(long offset) {
        long relative = offset - baseOffset;
        if (relative < 0 || relative > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + offset + " out of range of segment " + baseOffset);
        }
        return (int) relative;
    }

    /** Position of the last indexed batch starting at or before {@code offset}; 0 if none. */
    public int lookup(long offset) {
        MappedByteBuffer b = buffer;
        int n = largestAtOrBelow(offset);
        return n < 0 ? 0 : b.getInt(n * ENTRY_SIZE + 4);
    }

    /** Offset of the last entry, or the segment's base offset when empty. */
    public long lastOffset() {
        int n = entries();
        return n == 0 ? baseOffset : baseOffset + buffer.getInt((n - 1) * ENTRY_SIZE);
    }

    /** Position of the last entry, or 0 when empty. */
    public int lastPosition() {
        int n = entries();
        return n == 0 ? 0 : buffer.getInt((n - 1) * ENTRY_SIZE + 4);
    }

    /** Removes entries for batches starting at or after {@code offset}. */
    public void truncateTo(long offset) {
        truncateToEntries(largestAtOrBelow(offset - 1) + 1);
    }

    @Override
    protected long key(MappedByteBuffer b, int n) {
        return baseOffset + b.getInt(n * ENTRY_SIZE);
    }

    @Override
    public void sanityCheck(long logSizeBytes) {
        MappedByteBuffer b = buffer;
        long previousOffset = -1;
        int previousPosition = -1;
        for (int n = 0; n < entries(); n++) {
            int relative = b.getInt(n * ENTRY_SIZE);
            int position = b.getInt(n * ENTRY_SIZE + 4);
            if (relative <= previousOffset || position <= previousPosition || position >= logSizeBytes
                    || relative < 0) {
                throw new CorruptIndexException("offset index " + file() + " entry " + n + " (" + relative
                        + ", " + position + ") out of order or past the log end " + logSizeBytes);
            }
            previousOffset = relative;
            previousPosition = position;
        }
    }
}
