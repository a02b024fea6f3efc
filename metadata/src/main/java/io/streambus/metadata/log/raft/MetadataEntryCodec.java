package io.streambus.metadata.log.raft;

import io.streambus.metadata.log.MetadataLogException;
import io.streambus.metadata.record.MetadataRecord;
import io.streambus.metadata.record.MetadataRecordSerde;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of one metadata batch inside a Raft log entry:
 *
 * <pre>
 *   version      int8    0
 *   recordCount  int32   at least 1
 *   records      (recordSize int32, record bytes as {@link MetadataRecordSerde})*
 * </pre>
 *
 * Unlike the local log's framing there is no offset (the state machine assigns offsets when it
 * applies the entry) and no CRC (Ratis checksums every log entry). Stateless.
 */
final class MetadataEntryCodec {

    private static final byte VERSION = 0;

    private MetadataEntryCodec() {
    }

    static byte[] encode(List<MetadataRecord> records) {
        int size = 1 + 4;
        for (MetadataRecord record : records) {
            size += 4 + MetadataRecordSerde.sizeInBytes(record);
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.put(VERSION).putInt(records.size());
        for (MetadataRecord record : records) {
            buf.putInt(MetadataRecordSerde.sizeInBytes(record));
            MetadataRecordSerde.write(record, buf);
        }
        return buf.array();
    }

    static List<MetadataRecord> decode(ByteBuffer buf) {
        try {
            byte version = buf.get();
            if (version != VERSION) {
                throw new MetadataLogException("unsupported metadata entry version " + version);
            }
            int count = buf.getInt();
            if (count < 1) {
                throw new MetadataLogException("metadata entry with " + count + " records");
            }
            List<MetadataRecord> records = new ArrayList<>(Math.min(count, 1 << 16));
            for (int i = 0; i < count; i++) {
                int size = buf.getInt();
                records.add(MetadataRecordSerde.read(buf.slice(buf.position(), size)));
                buf.position(buf.position() + size);
            }
            return records;
        } catch (RuntimeException e) {
            if (e instanceof MetadataLogException mle) {
                throw mle;
            }
            throw new MetadataLogException("invalid metadata entry: " + e.getMessage(), e);
        }
    }

    static byte[] encodeOffset(long offset) {
        return ByteBuffer.allocate(8).putLong(offset).array();
    }

    static long decodeOffset(ByteBuffer buf) {
        return buf.getLong();
    }
}
