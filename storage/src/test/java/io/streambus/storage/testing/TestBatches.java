package io.streambus.storage.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;

/** Builds and inspects v2 record batches with kafka-clients, as a producer would send them. */
public final class TestBatches {

    private TestBatches() {
    }

    /** One uncompressed batch of {@code count} records, each with a value of {@code valueBytes} bytes. */
    public static ByteBuffer batch(int count, int valueBytes, long timestampMs) {
        return batch(Compression.NONE, count, valueBytes, timestampMs);
    }

    public static ByteBuffer batch(Compression compression, int count, int valueBytes, long timestampMs) {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = new SimpleRecord(timestampMs + i, ("k" + i).getBytes(StandardCharsets.UTF_8),
                    value(i, valueBytes));
        }
        return MemoryRecords.withRecords(compression, records).buffer();
    }

    /**
     * One uncompressed batch of an idempotent producer, as it sends it (and resends it on a retry: the
     * same arguments give the same bytes).
     */
    public static ByteBuffer idempotentBatch(long producerId, short epoch, int baseSequence, int count,
                                             int valueBytes, long timestampMs) {
        return idempotentBatchAt(0, producerId, epoch, baseSequence, count, valueBytes, timestampMs);
    }

    /** An idempotent batch already stamped with base offset {@code baseOffset}, as a follower receives it. */
    public static ByteBuffer idempotentBatchAt(long baseOffset, long producerId, short epoch, int baseSequence,
                                               int count, int valueBytes, long timestampMs) {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = new SimpleRecord(timestampMs + i, ("k" + i).getBytes(StandardCharsets.UTF_8),
                    value(i, valueBytes));
        }
        return MemoryRecords.withIdempotentRecords(baseOffset, Compression.NONE, producerId, epoch, baseSequence,
                -1, records).buffer();
    }

    /** One batch whose records carry the given timestamps. */
    public static ByteBuffer batchWithTimestamps(long... timestampsMs) {
        SimpleRecord[] records = new SimpleRecord[timestampsMs.length];
        for (int i = 0; i < timestampsMs.length; i++) {
            records[i] = new SimpleRecord(timestampsMs[i], null, value(i, 8));
        }
        return MemoryRecords.withRecords(Compression.NONE, records).buffer();
    }

    /** A batch in the old magic-1 message format. */
    public static ByteBuffer magicOneBatch() {
        return MemoryRecords.withRecords(RecordBatch.MAGIC_VALUE_V1, 0L, Compression.NONE,
                new SimpleRecord(1L, null, value(0, 8))).buffer();
    }

    /** Concatenates buffers into one, as a produce request carries several batches. */
    public static ByteBuffer concat(ByteBuffer... buffers) {
        int size = 0;
        for (ByteBuffer b : buffers) {
            size += b.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(size);
        for (ByteBuffer b : buffers) {
            all.put(b.duplicate());
        }
        return all.flip();
    }

    private static byte[] value(int i, int valueBytes) {
        byte[] value = new byte[valueBytes];
        for (int j = 0; j < valueBytes; j++) {
            value[j] = (byte) (i * 31 + j);
        }
        return value;
    }

    /** Parses batches (checking every CRC) from a buffer read back from a log. */
    public static List<MutableRecordBatch> parse(ByteBuffer buffer) {
        List<MutableRecordBatch> batches = new ArrayList<>();
        for (MutableRecordBatch batch : MemoryRecords.readableRecords(buffer).batches()) {
            batch.ensureValid();
            batches.add(batch);
        }
        return batches;
    }

    /** Offsets of every record in the batches. */
    public static List<Long> offsets(List<MutableRecordBatch> batches) {
        List<Long> offsets = new ArrayList<>();
        for (MutableRecordBatch batch : batches) {
            for (Record record : batch) {
                offsets.add(record.offset());
            }
        }
        return offsets;
    }
}
