package io.streambus.storage.batch;

import static io.streambus.storage.testing.TestBatches.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.storage.InvalidBatchException;
import io.streambus.storage.InvalidBatchException.Reason;
import io.streambus.storage.testing.TestBatches;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class BatchValidatorTest {

    private final BatchValidator validator = new BatchValidator();
    private final BatchList list = new BatchList();

    @Test
    void acceptsSeveralBatchesAndRecordsWhereEachLies() {
        ByteBuffer a = batch(3, 10, 1000);
        ByteBuffer b = batch(2, 10, 500);
        ByteBuffer both = TestBatches.concat(a, b);
        validator.validate(both, 1 << 20, true, list);
        assertThat(list.count()).isEqualTo(2);
        assertThat(list.start(0)).isZero();
        assertThat(list.start(1)).isEqualTo(a.remaining());
        assertThat(list.lastOffsetDelta(0)).isEqualTo(2);
        assertThat(list.maxTimestamp(0)).isEqualTo(1002);
        assertThat(list.maxTimestampOffsetDelta(0)).isEqualTo(2);
        assertThat(list.totalSizeInBytes()).isEqualTo(both.remaining());
        assertThat(both.position()).isZero();
    }

    @Test
    void firstRecordWithTheMaxTimestampWins() {
        validator.validate(TestBatches.batchWithTimestamps(5, 9, 3, 9), 1 << 20, true, list);
        assertThat(list.maxTimestamp(0)).isEqualTo(9);
        assertThat(list.maxTimestampOffsetDelta(0)).isEqualTo(1);
    }

    @Test
    void acceptsCompressedBatches() {
        validator.validate(batch(Compression.gzip().build(), 20, 100, 7), 1 << 20, true, list);
        assertThat(list.lastOffsetDelta(0)).isEqualTo(19);
        assertThat(list.maxTimestampOffsetDelta(0)).isEqualTo(19);
    }

    @Test
    void rejectsBadCrc() {
        ByteBuffer b = batch(2, 10, 1);
        b.put(b.limit() - 1, (byte) (b.get(b.limit() - 1) ^ 1));
        assertReason(b, Reason.CORRUPT);
    }

    @Test
    void rejectsTruncatedBatch() {
        ByteBuffer b = batch(2, 10, 1);
        b.limit(b.limit() - 3);
        assertReason(b, Reason.CORRUPT);
        assertReason(ByteBuffer.allocate(10), Reason.CORRUPT);
        assertReason(ByteBuffer.allocate(0), Reason.CORRUPT);
    }

    @Test
    void rejectsOldMagic() {
        assertReason(TestBatches.magicOneBatch(), Reason.UNSUPPORTED_MAGIC);
    }

    @Test
    void rejectsTooLargeBatch() {
        ByteBuffer b = batch(1, 2000, 1);
        assertThatThrownBy(() -> validator.validate(b, 1000, true, list))
                .isInstanceOfSatisfying(InvalidBatchException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void rejectsLastOffsetDeltaThatDoesNotMatchTheCount() {
        ByteBuffer b = batch(3, 10, 1);
        b.putInt(BatchHeader.LAST_OFFSET_DELTA, 5);
        fixCrc(b);
        assertReason(b, Reason.INVALID_RECORD);
    }

    @Test
    void rejectsGapsBetweenRecordOffsets() {
        for (Compression compression : new Compression[] {Compression.NONE, Compression.gzip().build()}) {
            MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(1024), RecordBatch.CURRENT_MAGIC_VALUE,
                    compression, TimestampType.CREATE_TIME, 0L);
            builder.appendWithOffset(0, new SimpleRecord(1L, null, new byte[4]));
            builder.appendWithOffset(2, new SimpleRecord(1L, null, new byte[4]));
            ByteBuffer b = builder.build().buffer();
            b.putInt(BatchHeader.LAST_OFFSET_DELTA, 1); // count 2: passes the header check, not the record walk
            fixCrc(b);
            assertReason(b, Reason.INVALID_RECORD);
        }
    }

    @Test
    void rejectsControlBatchesFromProducersOnly() {
        ByteBuffer b = batch(1, 10, 1);
        b.putShort(BatchHeader.ATTRIBUTES, (short) (b.getShort(BatchHeader.ATTRIBUTES) | 0x20));
        fixCrc(b);
        assertReason(b, Reason.INVALID_RECORD);
        validator.validate(b, 1 << 20, false, list);
        assertThat(list.count()).isEqualTo(1);
    }

    private static void fixCrc(ByteBuffer b) {
        b.putInt(BatchHeader.CRC, Crc32cs.batchCrc(new CRC32C(), b, 0, b.remaining()));
    }

    private void assertReason(ByteBuffer buffer, Reason reason) {
        assertThatThrownBy(() -> validator.validate(buffer, 1 << 20, true, list))
                .isInstanceOfSatisfying(InvalidBatchException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** A batch as the cleaner leaves it: records at offset deltas 0 and 3 of a batch whose last delta is 4. */
    private static ByteBuffer compactedBatch(Compression compression) {
        ByteBuffer original = MemoryRecords.withRecords(compression,
                new SimpleRecord(1L, "a".getBytes(), "1".getBytes()), new SimpleRecord(1L, "b".getBytes(), "2".getBytes()),
                new SimpleRecord(1L, "a".getBytes(), "3".getBytes()), new SimpleRecord(1L, "c".getBytes(), "4".getBytes()),
                new SimpleRecord(1L, "b".getBytes(), "5".getBytes())).buffer();
        ByteBuffer out = ByteBuffer.allocate(original.remaining());
        MemoryRecords.readableRecords(original).filterTo(new MemoryRecords.RecordFilter(0, 0) {
            @Override
            protected BatchRetentionResult checkBatchRetention(RecordBatch batch) {
                return new BatchRetentionResult(BatchRetention.DELETE_EMPTY, false);
            }

            @Override
            protected boolean shouldRetainRecord(RecordBatch batch, org.apache.kafka.common.record.Record record) {
                return record.offset() == 0 || record.offset() == 3;
            }
        }, out, org.apache.kafka.common.utils.BufferSupplier.NO_CACHING);
        return out.flip();
    }

    @Test
    void compactedBatchesWithOffsetGapsAreValidExceptFromProducers() {
        for (Compression compression : new Compression[] {Compression.NONE, Compression.gzip().build()}) {
            ByteBuffer compacted = compactedBatch(compression);
            validator.validate(compacted, 1 << 20, false, list);
            assertThat(list.lastOffsetDelta(0)).isEqualTo(4);
            assertThatThrownBy(() -> validator.validate(compacted, 1 << 20, true, list))
                    .isInstanceOf(InvalidBatchException.class).hasMessageContaining("does not match its 2 records");
        }
    }

    @Test
    void recordsWithoutKeyAreRejectedOnlyWhenKeysAreRequired() {
        for (Compression compression : new Compression[] {Compression.NONE, Compression.gzip().build()}) {
            ByteBuffer keyless = MemoryRecords.withRecords(compression, new SimpleRecord(1L, "k".getBytes(),
                    "v".getBytes()), new SimpleRecord(1L, null, "v".getBytes())).buffer();
            validator.validate(keyless, 1 << 20, true, false, list);
            assertThatThrownBy(() -> validator.validate(keyless, 1 << 20, true, true, list))
                    .isInstanceOf(InvalidBatchException.class)
                    .hasMessageContaining("Compacted topic cannot accept message without key")
                    .extracting(e -> ((InvalidBatchException) e).reason()).isEqualTo(Reason.INVALID_RECORD);
        }
    }
}
