package io.streambus.storage.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A memory-mapped file of fixed-size entries sorted by a key, shared by the offset and time indexes.
 * The file of the active segment is preallocated to the configured maximum, so the entry count is
 * kept in memory; a closed or rolled segment's file is trimmed to its entries, so on open the count
 * is the file length divided by the entry size. A crash leaves a preallocated tail of zeros, which the
 * sanity check rejects, and the index is rebuilt from the log.
 *
 * <p>Threading: one writer (the log's writer, under the log's lock) appends and truncates; readers
 * search concurrently without locks. The entry count is volatile and written after the entry, so a
 * reader that sees a count sees the entries below it. Reads use absolute gets on a shared buffer.
 */
public abstract class MappedIndex implements AutoCloseable {

    protected final long baseOffset;
    private final int entrySize;
    private Path file;
    private final FileChannel channel;
    /** Replaced on resize; readers load it once per operation. */
    protected volatile MappedByteBuffer buffer;
    private volatile int entries;
    private int maxEntries;

    protected MappedIndex(Path file, long baseOffset, int entrySize, int maxIndexBytes, boolean active)
            throws IOException {
        this.file = file;
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long length = channel.size();
        this.entries = (int) (length / entrySize);
        int roundedMax = Math.max(entrySize * 2, maxIndexBytes - maxIndexBytes % entrySize);
        map(active ? Math.max(roundedMax, entries * entrySize) : entries * entrySize);
    }

    private void map(int bytes) throws IOException {
        long current = channel.size();
        if (current != bytes) {
            if (current > bytes) {
                channel.truncate(bytes);
            } else {
                // Grow by writing the last byte: the file stays sparse until entries land.
                channel.write(ByteBuffer.allocate(1), bytes - 1);
            }
        }
        maxEntries = bytes / entrySize;
        buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
    }

    public int entries() {
        return entries;
    }

    public int maxEntries() {
        return maxEntries;
    }

    /** Full when only the slot reserved for the final entry written at roll is left. */
    public boolean isFull() {
        return entries >= maxEntries - 1;
    }

    public Path file() {
        return file;
    }

    public long baseOffset() {
        return baseOffset;
    }

    protected int entrySize() {
        return entrySize;
    }

    /**
     * Byte index where the next entry goes, or -1 if no slot is free. The subclass writes the entry
     * there, then calls {@link #publishEntry()} to make it visible to readers.
     */
    protected int nextSlot(boolean useReservedSlot) {
        int n = entries;
        if (n >= maxEntries || (!useReservedSlot && n >= maxEntries - 1)) {
            return -1;
        }
        return n * entrySize;
    }

    protected void publishEntry() {
        entries = entries + 1; // single writer: no lost update
    }

    /** Drops every entry from {@code count} on. */
    public void truncateToEntries(int count) {
        if (count < entries) {
            entries = Math.max(0, count);
        }
    }

    /** Drops every entry. */
    public void reset() {
        entries = 0;
    }

    /**
     * Index of the last entry whose key is at or below {@code target}, or -1 when every key is above.
     * Keys must be non-decreasing.
     */
    protected int largestAtOrBelow(long target) {
        MappedByteBuffer b = buffer;
        int low = 0;
        int high = entries - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (key(b, mid) <= target) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    /** Key (absolute offset or timestamp) of entry {@code n}. */
    protected abstract long key(MappedByteBuffer b, int n);

    /** Throws {@link CorruptIndexException} unless entries are in order and within {@code logSizeBytes}. */
    public abstract void sanityCheck(long logSizeBytes);

    /** Shrinks the file to its entries (a rolled or closed segment). */
    public void trim() throws IOException {
        map(entries * entrySize);
    }

    /** Grows the file back to {@code maxIndexBytes} (a segment that becomes active after truncation). */
    public void resize(int maxIndexBytes) throws IOException {
        int roundedMax = Math.max(entrySize * 2, maxIndexBytes - maxIndexBytes % entrySize);
        map(Math.max(roundedMax, entries * entrySize));
    }

    public void flush() {
        buffer.force();
    }

    /** Renames the file (the mapping stays valid). */
    public void renameTo(Path target) throws IOException {
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        file = target;
    }

    /** Trims and closes; the mapping is released when the buffer is collected. */
    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            trim();
            channel.close();
        }
    }

    /** Closes without trimming, as a crash would leave the file. */
    public void closeAbruptly() throws IOException {
        channel.close();
    }
}
