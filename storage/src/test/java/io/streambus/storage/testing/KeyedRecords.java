package io.streambus.storage.testing;

import io.streambus.storage.PartitionLog;
import io.streambus.storage.ReadRequest;
import io.streambus.storage.ReadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.SimpleRecord;

/** Keyed batches for compaction tests, and reading a whole log back as records. */
public final class KeyedRecords {

    /** One record read back; {@code value} null for a tombstone. */
    public record Entry(long offset, String key, String value, long timestampMs) {
    }

    private KeyedRecords() {
    }

    /** A batch of records {@code keys[i] -> values[i]} (null value: a tombstone), all at {@code timestampMs}. */
    public static ByteBuffer batch(Compression compression, long timestampMs, List<String> keys, List<String> values) {
        SimpleRecord[] records = new SimpleRecord[keys.size()];
        for (int i = 0; i < records.length; i++) {
            String value = values.get(i);
            records[i] = new SimpleRecord(timestampMs, bytes(keys.get(i)), value == null ? null : bytes(value));
        }
        return MemoryRecords.withRecords(compression, records).buffer();
    }

    public static ByteBuffer record(long timestampMs, String key, String value) {
        return batch(Compression.NONE, timestampMs, List.of(key), java.util.Collections.singletonList(value));
    }

    /** Every record of the log from its start to its end, in offset order, checking every CRC. */
    public static List<Entry> readAll(PartitionLog log) {
        List<Entry> entries = new ArrayList<>();
        long next = log.logStartOffset();
        long end = log.logEndOffset();
        while (next < end) {
            ReadResult result = log.read(new ReadRequest(next, Integer.MAX_VALUE, Long.MAX_VALUE, true));
            if (!(result instanceof ReadResult.Records records) || records.slice().sizeInBytes() == 0) {
                break;
            }
            ByteBuffer buffer = ByteBuffer.allocate(records.slice().sizeInBytes());
            try {
                records.slice().readInto(buffer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<MutableRecordBatch> batches = TestBatches.parse(buffer.flip());
            for (MutableRecordBatch batch : batches) {
                for (Record record : batch) {
                    if (record.offset() >= next) {
                        entries.add(new Entry(record.offset(), string(record.key()), string(record.value()),
                                record.timestamp()));
                    }
                }
                next = batch.lastOffset() + 1;
            }
        }
        return entries;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
