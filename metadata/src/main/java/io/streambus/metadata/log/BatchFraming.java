package io.streambus.metadata.log;

import io.streambus.metadata.record.MetadataRecord;
import io.streambus.metadata.record.MetadataRecordSerde;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The on-disk framing of the metadata log file: a sequence of batches, each
 *
 * <pre>
 *   length       int32   number of bytes after this field
 *   crc          int32   CRC32C of every byte after this field
 *   baseOffset   int64   offset of the first record
 *   recordCount  int32   number of records, at least 1
 *   records      (recordSize int32, record bytes as {@link MetadataRecordSerde})*
 * </pre>
 *
 * A batch is valid only if its length is sane, all its bytes are present and its CRC matches;
 * the first invalid batch marks the torn tail. Stateless.
 */
final class BatchFraming {

    static final int LENGTH_AND_CRC_BYTES = 8;
    static final int BODY_HEADER_BYTES = 8 + 4;
    /** Sanity bound so a garbled length never makes recovery allocate gigabytes. */
    static final int MAX_BATCH_BYTES = 64 * 1024 * 1024;

    private BatchFraming() {
    }

    /** Encodes a batch into a buffer flipped for writing to the file. */
    static ByteBuffer encode(long baseOffset, List<MetadataRecord> records) {
        int bodyBytes = BODY_HEADER_BYTES;
        for (MetadataRecord record : records) {
            bodyBytes += 4 + MetadataRecordSerde.sizeInBytes(record);
        }
        if (bodyBytes > MAX_BATCH_BYTES) {
            throw new MetadataLogException("metadata batch of " + bodyBytes + " bytes exceeds " + MAX_BATCH_BYTES);
        }
        ByteBuffer buf = ByteBuffer.allocate(LENGTH_AND_CRC_BYTES + bodyBytes);
        buf.putInt(bodyBytes + 4);
        buf.putInt(0);
        buf.putLong(baseOffset);
        buf.putInt(records.size());
        for (MetadataRecord record : records) {
            buf.putInt(MetadataRecordSerde.sizeInBytes(record));
            MetadataRecordSerde.write(record, buf);
        }
        buf.putInt(4, crc(buf, LENGTH_AND_CRC_BYTES, buf.position()));
        return buf.flip();
    }

    /** Decodes the records of a valid batch body (positioned at recordCount's end). */
    static List<MetadataRecord> decodeRecords(ByteBuffer body, int recordCount) {
        List<MetadataRecord> records = new ArrayList<>(recordCount);
        for (int i = 0; i < recordCount; i++) {
            int size = body.getInt();
            ByteBuffer slice = body.slice(body.position(), size);
            records.add(MetadataRecordSerde.read(slice));
            body.position(body.position() + size);
        }
        return records;
    }

    /** Visits each valid batch from the start of the file; returns where the valid prefix ends. */
    static ScanResult scan(FileChannel channel, long endPosition, BatchVisitor visitor) throws IOException {
        long position = 0;
        long expectedOffset = 0;
        ByteBuffer header = ByteBuffer.allocate(LENGTH_AND_CRC_BYTES);
        while (position < endPosition) {
            String invalid = null;
            header.clear();
            if (endPosition - position < LENGTH_AND_CRC_BYTES) {
                invalid = "incomplete batch header";
            } else {
                readFully(channel, header, position);
                int length = header.getInt(0);
                int expectedCrc = header.getInt(4);
                if (length < BODY_HEADER_BYTES + 4 || length > MAX_BATCH_BYTES) {
                    invalid = "invalid batch length " + length;
                } else if (endPosition - position - 4 < length) {
                    invalid = "incomplete batch of " + length + " bytes";
                } else {
                    ByteBuffer body = ByteBuffer.allocate(length - 4);
                    readFully(channel, body, position + LENGTH_AND_CRC_BYTES);
                    body.flip();
                    long baseOffset = body.getLong(0);
                    int count = body.getInt(8);
                    if (crc(body, 0, body.limit()) != expectedCrc) {
                        invalid = "CRC mismatch";
                    } else if (count < 1 || baseOffset != expectedOffset) {
                        invalid = "batch at offset " + baseOffset + " with " + count + " records, expected offset "
                                + expectedOffset;
                    } else {
                        body.position(BODY_HEADER_BYTES);
                        visitor.visit(baseOffset, count, body);
                        expectedOffset = baseOffset + count;
                        position += 4 + length;
                        continue;
                    }
                }
            }
            return new ScanResult(position, expectedOffset - 1, invalid);
        }
        return new ScanResult(position, expectedOffset - 1, null);
    }

    static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, at);
            if (n < 0) {
                throw new EOFException("unexpected end of metadata log at " + at);
            }
            at += n;
        }
    }

    private static int crc(ByteBuffer buf, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(buf.slice(from, to - from));
        return (int) crc.getValue();
    }

    /** Receives each valid batch during a scan; {@code records} is positioned at the first record. */
    @FunctionalInterface
    interface BatchVisitor {
        void visit(long baseOffset, int recordCount, ByteBuffer records);
    }

    /**
     * @param validBytes   length of the valid prefix
     * @param lastOffset   offset of the last valid record, -1 if none
     * @param tornReason   why the bytes after the valid prefix are invalid, null if there are none
     */
    record ScanResult(long validBytes, long lastOffset, String tornReason) {
    }
}
