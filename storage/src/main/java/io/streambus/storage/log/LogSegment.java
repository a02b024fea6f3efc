package io.streambus.storage.log;

import io.streambus.storage.InvalidBatchException;
import io.streambus.storage.LogConfig;
import io.streambus.storage.TimestampOffset;
import io.streambus.storage.batch.BatchHeader;
import io.streambus.storage.batch.BatchList;
import io.streambus.storage.batch.BatchValidator;
import io.streambus.storage.index.CorruptIndexException;
import io.streambus.storage.index.OffsetIndex;
import io.streambus.storage.index.TimeIndex;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.CloseableIterator;

/**
 * One segment: a {@code .log} file of v2 record batches stored back to back exactly as appended
 * (no header, no padding; the file ends after the last batch), plus its {@link OffsetIndex} and
 * {@link TimeIndex}. The base offset in the file names is at or below the first batch's base offset.
 *
 * <p>Threading: mutated by the log's writer only (under the log's lock). Readers use
 * {@link #read}, {@link #offsetForTimestamp} and the volatile accessors without locks: the size is
 * published after the bytes and index entries are written, so a reader bounded by a size it has
 * read sees whole batches.
 */
public final class LogSegment {

    /** Header bytes a reader needs: through maxTimestamp. */
    static final int HEADER_PREFIX = BatchHeader.PRODUCER_ID;

    private final long baseOffset;
    private final FileChannel channel;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private Path logFile;
    private volatile int sizeBytes;
    private volatile long nextOffset;
    private volatile long maxTimestamp = -1;
    private volatile long offsetOfMaxTimestamp = -1;
    private int bytesSinceLastIndexEntry;
    /** An index file was absent at open: it was created empty and must be rebuilt from the log. */
    private final boolean indexesMissing;
    private long firstAppendTimeMs = -1;

    private LogSegment(Path dir, long baseOffset, LogConfig config, boolean active, String suffix)
            throws IOException {
        this.baseOffset = baseOffset;
        Path offsetIndexFile = withSuffix(SegmentFiles.offsetIndex(dir, baseOffset), suffix);
        Path timeIndexFile = withSuffix(SegmentFiles.timeIndex(dir, baseOffset), suffix);
        this.indexesMissing = !Files.exists(offsetIndexFile) || !Files.exists(timeIndexFile);
        this.logFile = withSuffix(SegmentFiles.log(dir, baseOffset), suffix);
        this.channel = FileChannel.open(logFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            this.offsetIndex = new OffsetIndex(offsetIndexFile, baseOffset, config.segmentIndexBytes(), active);
            this.timeIndex = new TimeIndex(timeIndexFile, baseOffset, config.segmentIndexBytes(), active);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.sizeBytes = (int) Math.min(Integer.MAX_VALUE, channel.size());
        this.nextOffset = baseOffset;
    }

    /** Creates the files of a new, empty, active segment. */
    public static LogSegment create(Path dir, long baseOffset, LogConfig config) throws IOException {
        return create(dir, baseOffset, config, "");
    }

    /**
     * Creates the files of a new, empty segment with {@code suffix} after each file name (the cleaner writes
     * {@code .cleaned} segments); {@link #renameSuffix} changes it later.
     */
    public static LogSegment create(Path dir, long baseOffset, LogConfig config, String suffix) throws IOException {
        Files.deleteIfExists(withSuffix(SegmentFiles.offsetIndex(dir, baseOffset), suffix));
        Files.deleteIfExists(withSuffix(SegmentFiles.timeIndex(dir, baseOffset), suffix));
        LogSegment segment = new LogSegment(dir, baseOffset, config, true, suffix);
        if (segment.sizeBytes != 0) {
            segment.channel.truncate(0);
            segment.sizeBytes = 0;
        }
        return segment;
    }

    /**
     * Opens existing files. Call {@link #loadFromIndexes()} (trusting them) or {@link #recover} next.
     */
    public static LogSegment open(Path dir, long baseOffset, LogConfig config, boolean active) throws IOException {
        return new LogSegment(dir, baseOffset, config, active, "");
    }

    private static Path withSuffix(Path file, String suffix) {
        return suffix.isEmpty() ? file : file.resolveSibling(file.getFileName() + suffix);
    }

    public long baseOffset() {
        return baseOffset;
    }

    public int sizeInBytes() {
        return sizeBytes;
    }

    /** Offset after the last batch; the base offset while empty. */
    public long nextOffset() {
        return nextOffset;
    }

    /** Largest batch max timestamp, or -1 when empty. */
    public long maxTimestamp() {
        return maxTimestamp;
    }

    public long offsetOfMaxTimestamp() {
        return offsetOfMaxTimestamp;
    }

    public long firstAppendTimeMs() {
        return firstAppendTimeMs;
    }

    public boolean indexFull() {
        return offsetIndex.isFull() || timeIndex.isFull();
    }

    public Path logFile() {
        return logFile;
    }

    FileChannel channel() {
        return channel;
    }

    /**
     * Writes the validated, stamped batches of {@code records} (position to limit) at the end of the
     * file and indexes them. On return the records buffer's position is unchanged.
     */
    public void append(ByteBuffer records, BatchList batches, BatchHeader header, int indexIntervalBytes,
                       long nowMs) throws IOException {
        int start = sizeBytes;
        int bufferStart = records.position();
        int total = records.remaining();
        long at = start;
        try {
            while (records.hasRemaining()) {
                at += channel.write(records, at);
            }
        } catch (IOException e) {
            try {
                channel.truncate(start); // best effort: keep the all-or-nothing promise if the disk lets us
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            records.position(bufferStart);
        }
        for (int i = 0; i < batches.count(); i++) {
            header.wrap(records, batches.start(i));
            long base = header.baseOffset();
            indexBatch(base, start + batches.start(i) - bufferStart, batches.sizeInBytes(i),
                    batches.maxTimestamp(i), base + batches.maxTimestampOffsetDelta(i), indexIntervalBytes);
            nextOffset = base + batches.lastOffsetDelta(i) + 1;
        }
        if (firstAppendTimeMs < 0) {
            firstAppendTimeMs = nowMs;
        }
        sizeBytes = start + total;
    }

    private void indexBatch(long base, int position, int size, long batchMaxTimestamp, long batchMaxTimestampOffset,
                            int indexIntervalBytes) {
        if (batchMaxTimestamp > maxTimestamp) {
            maxTimestamp = batchMaxTimestamp;
            offsetOfMaxTimestamp = batchMaxTimestampOffset;
        }
        if (bytesSinceLastIndexEntry > indexIntervalBytes) {
            offsetIndex.append(base, position);
            timeIndex.maybeAppend(maxTimestamp, offsetOfMaxTimestamp, false);
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += size;
    }

    /**
     * Reads whole batches starting with the one holding {@code startOffset}.
     *
     * @param maxOffset exclusive bound on batch last offsets (the caller's bound and the log end)
     * @param sizeLimit bytes of the file the reader may look at (a size it read earlier)
     * @return null when no batch in this segment ends at or after {@code startOffset}, else a slice
     *         (empty when the first batch is excluded by {@code maxOffset} or {@code maxBytes})
     */
    FileLogSlice read(long startOffset, int maxBytes, long maxOffset, boolean minOneBatch, int sizeLimit)
            throws IOException {
        ByteBuffer scratch = ByteBuffer.allocate(HEADER_PREFIX);
        // A fetch walks every batch header up to its byte limit: small batches share one pread.
        HeaderWindow window = new HeaderWindow(channel);
        int position = findBatch(startOffset, scratch, sizeLimit, window);
        if (position < 0) {
            return null;
        }
        long firstOffset = scratch.getLong(BatchHeader.BASE_OFFSET);
        int first = position;
        int total = 0;
        while (position < sizeLimit && readBatchHeader(scratch, position, sizeLimit, window)) {
            long last = scratch.getLong(BatchHeader.BASE_OFFSET) + scratch.getInt(BatchHeader.LAST_OFFSET_DELTA);
            int size = BatchHeader.LOG_OVERHEAD + scratch.getInt(BatchHeader.BATCH_LENGTH);
            if (last >= maxOffset || (total + (long) size > maxBytes && !(total == 0 && minOneBatch))) {
                break;
            }
            total += size;
            position += size;
        }
        return total == 0 ? FileLogSlice.EMPTY : new FileLogSlice(channel, first, total, firstOffset);
    }

    /** Position of the first batch whose last offset is at or after {@code offset}, or -1; leaves its header in scratch. */
    private int findBatch(long offset, ByteBuffer scratch, int sizeLimit) throws IOException {
        return findBatch(offset, scratch, sizeLimit, null);
    }

    private int findBatch(long offset, ByteBuffer scratch, int sizeLimit, HeaderWindow window) throws IOException {
        int position = offsetIndex.lookup(offset);
        while (position < sizeLimit && readBatchHeader(scratch, position, sizeLimit, window)) {
            long last = scratch.getLong(BatchHeader.BASE_OFFSET) + scratch.getInt(BatchHeader.LAST_OFFSET_DELTA);
            if (last >= offset) {
                return position;
            }
            position += BatchHeader.LOG_OVERHEAD + scratch.getInt(BatchHeader.BATCH_LENGTH);
        }
        return -1;
    }

    /**
     * Reads the header prefix of the batch at {@code position} into scratch; false if the file holds
     * less or the header is implausible (a reader racing a truncation may land on bytes being
     * rewritten: stop there rather than return garbage).
     */
    private boolean readBatchHeader(ByteBuffer scratch, int position, int sizeLimit) throws IOException {
        return readBatchHeader(scratch, position, sizeLimit, null);
    }

    /** As above, through {@code window} when not null. */
    private boolean readBatchHeader(ByteBuffer scratch, int position, int sizeLimit, HeaderWindow window)
            throws IOException {
        if (window == null ? !readHeader(scratch, position, sizeLimit) : !window.read(scratch, position, sizeLimit)) {
            return false;
        }
        int size = BatchHeader.LOG_OVERHEAD + scratch.getInt(BatchHeader.BATCH_LENGTH);
        return size >= BatchHeader.HEADER_SIZE && position + (long) size <= sizeLimit
                && scratch.get(BatchHeader.MAGIC) == BatchHeader.CURRENT_MAGIC
                && scratch.getLong(BatchHeader.BASE_OFFSET) >= baseOffset;
    }

    /** Reads the header prefix at {@code position} into scratch; false if the file holds less. */
    private boolean readHeader(ByteBuffer scratch, int position, int sizeLimit) throws IOException {
        if (sizeLimit - position < HEADER_PREFIX) {
            return false;
        }
        scratch.clear();
        return FileReads.fill(channel, scratch, position);
    }

    /**
     * Passes the full header of each batch starting at or after {@code fromOffset}, in order, to
     * {@code visitor} through one flyweight (valid only during the call). Reads headers only: producer
     * state is rebuilt from them without reading or decompressing records.
     */
    void scanHeaders(long fromOffset, Consumer<BatchHeader> visitor) throws IOException {
        int size = sizeBytes;
        ByteBuffer scratch = ByteBuffer.allocate(BatchHeader.HEADER_SIZE);
        BatchHeader header = new BatchHeader().wrap(scratch, 0);
        int position = findBatch(fromOffset, scratch, size);
        if (position < 0) {
            return;
        }
        ByteBuffer control = null;
        BatchHeader controlHeader = null;
        while (position < size && readBatchHeader(scratch, position, size)) {
            if (header.baseOffset() >= fromOffset) {
                if (header.isControl()) {
                    // A marker's type is in its record's key: read that much more (markers are rare).
                    if (control == null) {
                        control = ByteBuffer.allocate(BatchHeader.CONTROL_PREFIX_SIZE);
                        controlHeader = new BatchHeader().wrap(control, 0);
                    }
                    control.clear().limit(Math.min(control.capacity(), header.sizeInBytes()));
                    readFully(control, position);
                    control.flip();
                    visitor.accept(controlHeader);
                } else {
                    visitor.accept(header);
                }
            }
            position += header.sizeInBytes();
        }
    }

    /**
     * Earliest record at or after {@code minOffset} whose timestamp is at or after {@code timestampMs},
     * below {@code maxOffset}; null if none in this segment.
     */
    TimestampOffset offsetForTimestamp(long timestampMs, long minOffset, long maxOffset, int sizeLimit)
            throws IOException {
        if (maxTimestamp < timestampMs) {
            return null;
        }
        long fromOffset = Math.max(minOffset, timeIndex.lookup(timestampMs));
        ByteBuffer scratch = ByteBuffer.allocate(HEADER_PREFIX);
        int position = findBatch(fromOffset, scratch, sizeLimit);
        if (position < 0) {
            return null;
        }
        while (position < sizeLimit && readBatchHeader(scratch, position, sizeLimit)) {
            long base = scratch.getLong(BatchHeader.BASE_OFFSET);
            int size = BatchHeader.LOG_OVERHEAD + scratch.getInt(BatchHeader.BATCH_LENGTH);
            if (base >= maxOffset) {
                return null;
            }
            if (scratch.getLong(BatchHeader.MAX_TIMESTAMP) >= timestampMs) {
                TimestampOffset found = firstRecordAtOrAfter(position, size, timestampMs, fromOffset, maxOffset);
                if (found != null) {
                    return found;
                }
            }
            position += size;
        }
        return null;
    }

    private TimestampOffset firstRecordAtOrAfter(int position, int size, long timestampMs, long minOffset,
                                                 long maxOffset)
            throws IOException {
        ByteBuffer batchBytes = ByteBuffer.allocate(size);
        readFully(batchBytes, position);
        batchBytes.flip();
        MutableRecordBatch batch = MemoryRecords.readableRecords(batchBytes).batches().iterator().next();
        try (CloseableIterator<Record> records = batch.streamingIterator(BufferSupplier.NO_CACHING)) {
            while (records.hasNext()) {
                Record record = records.next();
                if (record.offset() >= maxOffset) {
                    return null;
                }
                if (record.offset() >= minOffset && record.timestamp() >= timestampMs) {
                    return new TimestampOffset(record.timestamp(), record.offset());
                }
            }
        }
        return null;
    }

    private void readFully(ByteBuffer destination, long position) throws IOException {
        int start = destination.position();
        if (!FileReads.fill(channel, destination, position)) {
            throw new EOFException("segment " + logFile + " ends before position "
                    + (position + destination.position() - start));
        }
    }

    /**
     * Trusts the indexes (clean shutdown, or below the recovery point): checks them, then finds the log
     * end by scanning batch headers after the last index entry.
     *
     * @throws CorruptIndexException if an index or the file's framing is off;
     *         the caller falls back to {@link #recover}
     */
    public void loadFromIndexes() throws IOException {
        int size = sizeBytes;
        if (indexesMissing && size > 0) {
            throw new CorruptIndexException("index files of " + logFile + " are missing");
        }
        offsetIndex.sanityCheck(size);
        timeIndex.sanityCheck(size);
        ByteBuffer scratch = ByteBuffer.allocate(HEADER_PREFIX);
        int position = offsetIndex.lastPosition();
        long next = baseOffset;
        int bytesSinceEntry = 0;
        while (position < size) {
            if (!readHeader(scratch, position, size)) {
                throw new CorruptIndexException("torn batch at " + position + " in " + logFile);
            }
            int batchSize = BatchHeader.LOG_OVERHEAD + scratch.getInt(BatchHeader.BATCH_LENGTH);
            long base = scratch.getLong(BatchHeader.BASE_OFFSET);
            if (batchSize < BatchHeader.HEADER_SIZE || position + (long) batchSize > size || base < next) {
                throw new CorruptIndexException("bad batch framing at " + position
                        + " in " + logFile);
            }
            next = base + scratch.getInt(BatchHeader.LAST_OFFSET_DELTA) + 1;
            bytesSinceEntry += batchSize;
            position += batchSize;
        }
        nextOffset = next;
        bytesSinceLastIndexEntry = bytesSinceEntry;
        maxTimestamp = timeIndex.lastTimestamp();
        offsetOfMaxTimestamp = timeIndex.lastEntryOffset();
    }

    /**
     * Scans every batch (framing, magic, CRC, offsets increasing), rebuilds both indexes and truncates the
     * file at the first invalid or torn batch. Returns the number of bytes cut off.
     */
    public long recover(BatchValidator validator, BatchList scratchList, LogConfig config) throws IOException {
        int indexIntervalBytes = config.indexIntervalBytes();
        offsetIndex.reset();
        offsetIndex.resize(config.segmentIndexBytes());
        timeIndex.resize(config.segmentIndexBytes());
        timeIndex.reset();
        maxTimestamp = -1;
        offsetOfMaxTimestamp = -1;
        bytesSinceLastIndexEntry = 0;
        long next = baseOffset;
        long fileSize = channel.size();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        ByteBuffer lengthPrefix = ByteBuffer.allocate(BatchHeader.LOG_OVERHEAD);
        long position = 0;
        while (fileSize - position >= BatchHeader.HEADER_SIZE) {
            lengthPrefix.clear();
            readFully(lengthPrefix, position);
            long base = lengthPrefix.getLong(0);
            long size = BatchHeader.LOG_OVERHEAD + (long) lengthPrefix.getInt(BatchHeader.BATCH_LENGTH);
            if (size < BatchHeader.HEADER_SIZE || position + size > fileSize || base < next) {
                break;
            }
            if (buffer.capacity() < size) {
                buffer = ByteBuffer.allocate((int) size);
            }
            buffer.clear().limit((int) size);
            readFully(buffer, position);
            buffer.flip();
            try {
                validator.validate(buffer, Integer.MAX_VALUE, false, scratchList);
            } catch (InvalidBatchException e) {
                break;
            }
            indexBatch(base, (int) position, (int) size, scratchList.maxTimestamp(0),
                    base + scratchList.maxTimestampOffsetDelta(0), indexIntervalBytes);
            next = base + scratchList.lastOffsetDelta(0) + 1;
            position += size;
        }
        nextOffset = next;
        long truncated = fileSize - position;
        if (truncated > 0) {
            channel.truncate(position);
        }
        sizeBytes = (int) position;
        return truncated;
    }

    /**
     * Removes the batch holding {@code offset} and everything after it, then rebuilds the indexes and
     * max timestamp from the remaining batches (a full scan: truncation is rare, and this keeps one
     * code path for index state). Returns bytes removed.
     */
    long truncateTo(long offset, BatchValidator validator, BatchList scratchList, LogConfig config)
            throws IOException {
        int size = sizeBytes;
        int position = findBatch(offset, ByteBuffer.allocate(HEADER_PREFIX), size);
        if (position < 0) {
            return 0;
        }
        channel.truncate(position);
        sizeBytes = position;
        recover(validator, scratchList, config);
        firstAppendTimeMs = -1;
        return size - position;
    }

    /** The segment stops being the active one: write the final time index entry, trim indexes. */
    void onRoll() throws IOException {
        if (maxTimestamp >= 0) {
            timeIndex.maybeAppend(maxTimestamp, offsetOfMaxTimestamp, true);
        }
        offsetIndex.trim();
        timeIndex.trim();
    }

    /** The segment becomes the active one again (after truncation): make room in the indexes. */
    void onActivate(LogConfig config) throws IOException {
        offsetIndex.resize(config.segmentIndexBytes());
        timeIndex.resize(config.segmentIndexBytes());
    }

    /** Forces the log file's data to disk. */
    public void flush() throws IOException {
        channel.force(false);
    }

    /** Forces the log file and both indexes. */
    public void flushAll() throws IOException {
        channel.force(false);
        offsetIndex.flush();
        timeIndex.flush();
    }

    /** Renames every file with the {@code .deleted} suffix; open channels stay usable. */
    void renameToDeleted() throws IOException {
        renameSuffix(SegmentFiles.DELETED);
    }

    /**
     * Renames the three files to their plain names plus {@code suffix} (empty for the live names),
     * replacing files of that name; open channels stay usable. The log file moves last: recovery keys on it.
     */
    public void renameSuffix(String suffix) throws IOException {
        Path dir = logFile.getParent();
        offsetIndex.renameTo(withSuffix(SegmentFiles.offsetIndex(dir, baseOffset), suffix));
        timeIndex.renameTo(withSuffix(SegmentFiles.timeIndex(dir, baseOffset), suffix));
        Path target = withSuffix(SegmentFiles.log(dir, baseOffset), suffix);
        // An older segment with the same base offset may still linger under this name: replace it.
        Files.move(logFile, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        logFile = target;
    }

    /**
     * Reads bytes of the log file from {@code position} into {@code destination} until it is full or the
     * segment's published size is reached; returns the bytes read. For the cleaner, which reads sealed
     * segments sequentially.
     */
    public int readBytes(ByteBuffer destination, long position) throws IOException {
        int size = sizeBytes;
        int start = destination.position();
        long at = position;
        while (destination.hasRemaining() && at < size) {
            if (destination.remaining() > size - at) {
                destination.limit(destination.position() + (int) (size - at));
            }
            int read = channel.read(destination, at);
            if (read < 0) {
                break;
            }
            at += read;
        }
        return destination.position() - start;
    }

    /** Max timestamp of the first batch, or -1 if empty: how old the segment's oldest data is, cheaply. */
    public long firstBatchMaxTimestamp() throws IOException {
        ByteBuffer scratch = ByteBuffer.allocate(HEADER_PREFIX);
        return readBatchHeader(scratch, 0, sizeBytes) ? scratch.getLong(BatchHeader.MAX_TIMESTAMP) : -1;
    }

    /** Seals a segment written off the log (by the cleaner): final time index entry, trimmed indexes, fsync. */
    public void seal() throws IOException {
        onRoll();
        flushAll();
    }

    /** Closes and removes the files. */
    public void delete() throws IOException {
        closeAbruptly();
        Files.deleteIfExists(logFile);
        Files.deleteIfExists(offsetIndex.file());
        Files.deleteIfExists(timeIndex.file());
    }

    /** Writes the final time index entry, trims the indexes and closes the files. */
    public void close() throws IOException {
        if (channel.isOpen()) {
            if (maxTimestamp >= 0) {
                timeIndex.maybeAppend(maxTimestamp, offsetOfMaxTimestamp, true);
            }
            offsetIndex.close();
            timeIndex.close();
            channel.close();
        }
    }

    /** Closes the files as they are, as a crash would leave them. */
    public void closeAbruptly() throws IOException {
        offsetIndex.closeAbruptly();
        timeIndex.closeAbruptly();
        channel.close();
    }

    @Override
    public String toString() {
        return "LogSegment(" + logFile.getFileName() + ", " + sizeBytes + " bytes)";
    }
}
