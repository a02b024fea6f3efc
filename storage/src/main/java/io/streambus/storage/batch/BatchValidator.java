package io.streambus.storage.batch;

import io.streambus.storage.InvalidBatchException;
import io.streambus.storage.InvalidBatchException.Reason;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.CloseableIterator;

/**
 * Checks record batches before anything is written: sizes, magic, CRC32C, record count, contiguous
 * offset deltas. Uncompressed records are walked with a varint reader in place; compressed batches
 * go through kafka-clients' streaming iterator (decompression is unavoidable there).
 *
 * <p>Not thread-safe: holds scratch state; one instance per log writer (or per recovering thread).
 */
public final class BatchValidator {

    /** Smallest legal batch: a header and at least one record of 7 bytes or more. */
    private static final int MIN_BATCH_LENGTH = BatchHeader.HEADER_SIZE - BatchHeader.LOG_OVERHEAD;

    private final BatchHeader header = new BatchHeader();
    private final Varints varints = new Varints();
    private final CRC32C crc = new CRC32C();
    private boolean requireKeys;
    private boolean contiguous;

    /**
     * Validates every batch in {@code buffer} from position to limit and records them in {@code out}.
     * Does not change the buffer.
     *
     * @param maxBatchBytes  largest batch allowed ({@code max.message.bytes})
     * @param rejectControl  true for producer appends, which may not write control batches
     */
    public void validate(ByteBuffer buffer, int maxBatchBytes, boolean rejectControl, BatchList out) {
        validate(buffer, maxBatchBytes, rejectControl, false, out);
    }

    /**
     * As {@link #validate(ByteBuffer, int, boolean, BatchList)}; with {@code requireKeys} (producer appends to
     * a compacted log) a record without a key is rejected, as Kafka does.
     */
    public void validate(ByteBuffer buffer, int maxBatchBytes, boolean rejectControl, boolean requireKeys,
                         BatchList out) {
        this.requireKeys = requireKeys;
        out.clear();
        int position = buffer.position();
        int limit = buffer.limit();
        if (position == limit) {
            throw new InvalidBatchException(Reason.CORRUPT, "no record batches in the request");
        }
        while (position < limit) {
            int size = checkFraming(buffer, position, limit, maxBatchBytes);
            header.wrap(buffer, position);
            checkBatch(buffer, size, rejectControl, out);
            position += size;
        }
    }

    /** Checks that a whole batch of plausible size starts at {@code position}; returns its size. */
    private int checkFraming(ByteBuffer buffer, int position, int limit, int maxBatchBytes) {
        int remaining = limit - position;
        if (remaining < BatchHeader.LOG_OVERHEAD + 5) {
            throw new InvalidBatchException(Reason.CORRUPT, "truncated batch: " + remaining + " bytes left");
        }
        byte magic = buffer.get(position + BatchHeader.MAGIC);
        if (magic < BatchHeader.CURRENT_MAGIC) {
            throw new InvalidBatchException(Reason.UNSUPPORTED_MAGIC, "record batch magic " + magic
                    + " is not supported, only magic 2");
        }
        if (magic > BatchHeader.CURRENT_MAGIC) {
            throw new InvalidBatchException(Reason.CORRUPT, "unknown record batch magic " + magic);
        }
        int batchLength = buffer.getInt(position + BatchHeader.BATCH_LENGTH);
        if (batchLength < MIN_BATCH_LENGTH) {
            throw new InvalidBatchException(Reason.CORRUPT, "batch length " + batchLength + " is too small");
        }
        long size = (long) BatchHeader.LOG_OVERHEAD + batchLength;
        if (size > maxBatchBytes) {
            throw new InvalidBatchException(Reason.TOO_LARGE, "batch of " + size
                    + " bytes is larger than max.message.bytes " + maxBatchBytes);
        }
        if (size > remaining) {
            throw new InvalidBatchException(Reason.CORRUPT, "truncated batch: length says " + size
                    + " bytes, " + remaining + " left");
        }
        return (int) size;
    }

    private void checkBatch(ByteBuffer buffer, int size, boolean rejectControl, BatchList out) {
        int start = header.start();
        int expectedCrc = header.crc();
        int actualCrc = Crc32cs.batchCrc(crc, buffer, start, size);
        if (expectedCrc != actualCrc) {
            throw new InvalidBatchException(Reason.CORRUPT, "batch CRC mismatch: stored "
                    + Integer.toUnsignedString(expectedCrc) + ", computed " + Integer.toUnsignedString(actualCrc));
        }
        int count = header.recordCount();
        int lastOffsetDelta = header.lastOffsetDelta();
        // Producers send contiguous, non-empty batches. Compacted batches (read back, recovered or replicated)
        // may have gaps, or no records at all when the cleaner keeps a producer's last batch header.
        boolean contiguous = rejectControl;
        if (contiguous ? count < 1 : count < 0) {
            throw new InvalidBatchException(Reason.INVALID_RECORD, "batch with " + count + " records");
        }
        if (contiguous ? lastOffsetDelta != count - 1 : lastOffsetDelta < count - 1) {
            throw new InvalidBatchException(Reason.INVALID_RECORD, "batch lastOffsetDelta " + lastOffsetDelta
                    + " does not match its " + count + " records");
        }
        this.contiguous = contiguous;
        if (rejectControl && (header.attributes() & 0x20) != 0) {
            throw new InvalidBatchException(Reason.INVALID_RECORD, "producers may not write control batches");
        }
        int maxTimestampDelta = header.isCompressed()
                ? checkCompressedRecords(buffer, start, size, count)
                : checkRecords(buffer, start, size, count);
        out.add(start, size, lastOffsetDelta, header.maxTimestamp(), maxTimestampDelta);
    }

    /**
     * Walks uncompressed records: each is varint length, int8 attributes, varlong timestampDelta,
     * varint offsetDelta, then key, value and headers, which we skip using the length.
     * Returns the offset delta of the first record with the largest timestamp.
     */
    private int checkRecords(ByteBuffer buffer, int start, int size, int count) {
        int end = start + size;
        int position = start + BatchHeader.HEADER_SIZE;
        long baseTimestamp = header.baseTimestamp();
        long maxTimestamp = Long.MIN_VALUE;
        int maxTimestampDelta = 0;
        int previousDelta = -1;
        try {
            for (int i = 0; i < count; i++) {
                int length = varints.readVarint(buffer, position, end);
                int recordStart = varints.next;
                int recordEnd = recordStart + length;
                if (length < 3 || recordEnd > end) {
                    throw new InvalidBatchException(Reason.CORRUPT, "record " + i + " has bad length " + length);
                }
                long timestampDelta = varints.readVarlong(buffer, recordStart + 1, recordEnd);
                int offsetDelta = varints.readVarint(buffer, varints.next, recordEnd);
                checkOffsetDelta(i, offsetDelta, previousDelta);
                previousDelta = offsetDelta;
                if (requireKeys && varints.readVarint(buffer, varints.next, recordEnd) < 0) {
                    throw nullKey();
                }
                long timestamp = baseTimestamp + timestampDelta;
                if (timestamp > maxTimestamp) {
                    maxTimestamp = timestamp;
                    maxTimestampDelta = offsetDelta;
                }
                position = recordEnd;
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new InvalidBatchException(Reason.CORRUPT, "malformed record: " + e.getMessage());
        }
        if (position != end) {
            throw new InvalidBatchException(Reason.CORRUPT, (end - position)
                    + " bytes after the last record of the batch");
        }
        return maxTimestampDelta;
    }

    /** Contiguous from 0 for producer batches; increasing within lastOffsetDelta for compacted ones. */
    private void checkOffsetDelta(int index, long delta, long previousDelta) {
        boolean valid = contiguous ? delta == index : delta > previousDelta && delta <= header.lastOffsetDelta();
        if (!valid) {
            throw new InvalidBatchException(Reason.INVALID_RECORD, "record " + index + " has offset delta " + delta
                    + (contiguous ? ": offsets in a batch must be contiguous" : ": offsets in a batch must increase"));
        }
    }

    private static InvalidBatchException nullKey() {
        return new InvalidBatchException(Reason.INVALID_RECORD, "Compacted topic cannot accept message without key");
    }

    private int checkCompressedRecords(ByteBuffer buffer, int start, int size, int count) {
        MutableRecordBatch batch = MemoryRecords.readableRecords(buffer.slice(start, size)).batches().iterator().next();
        long baseOffset = batch.baseOffset();
        long maxTimestamp = Long.MIN_VALUE;
        int maxTimestampDelta = 0;
        long previousDelta = -1;
        int i = 0;
        try (CloseableIterator<Record> records = batch.streamingIterator(BufferSupplier.NO_CACHING)) {
            while (records.hasNext()) {
                Record record = records.next();
                long delta = record.offset() - baseOffset;
                checkOffsetDelta(i, delta, previousDelta);
                previousDelta = delta;
                if (requireKeys && !record.hasKey()) {
                    throw nullKey();
                }
                if (record.timestamp() > maxTimestamp) {
                    maxTimestamp = record.timestamp();
                    maxTimestampDelta = (int) delta;
                }
                i++;
            }
        } catch (InvalidBatchException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidBatchException(Reason.CORRUPT, "cannot decompress batch: " + e.getMessage());
        }
        if (i != count) {
            throw new InvalidBatchException(Reason.CORRUPT, "batch says " + count + " records, holds " + i);
        }
        return maxTimestampDelta;
    }
}
