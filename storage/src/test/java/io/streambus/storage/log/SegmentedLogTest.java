package io.streambus.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.storage.AppendOrigin;
import io.streambus.storage.AppendRequest;
import io.streambus.storage.AppendResult;
import io.streambus.storage.InvalidBatchException;
import io.streambus.storage.LogConfig;
import io.streambus.storage.ReadRequest;
import io.streambus.storage.ReadResult;
import io.streambus.storage.TimestampOffset;
import io.streambus.storage.testing.TestBatches;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.List;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class SegmentedLogTest extends LogTestSupport {

    @Test
    void appendAssignsOffsetsAndEpochAndKeepsTheBytes() throws IOException {
        open(CONFIG);
        AppendResult first = append(log, 3);
        AppendResult second = append(log, 2);
        assertThat(first.firstOffset()).isZero();
        assertThat(first.lastOffset()).isEqualTo(2);
        assertThat(second.firstOffset()).isEqualTo(3);
        assertThat(second.lastOffset()).isEqualTo(4);
        assertThat(first.logAppendTimeMs()).isEqualTo(-1);
        assertThat(log.logEndOffset()).isEqualTo(5);

        List<MutableRecordBatch> batches = readAll(log, 0);
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1).baseOffset()).isEqualTo(3);
        assertThat(batches.get(1).partitionLeaderEpoch()).isEqualTo(7);
        assertThat(TestBatches.offsets(batches)).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(Files.exists(logDir().resolve("00000000000000000000.log"))).isTrue();
    }

    @Test
    void readsAtEveryBoundary() throws IOException {
        open(CONFIG);
        append(log, 3); // 0..2
        append(log, 3); // 3..5
        append(log, 3); // 6..8
        assertThat(log.read(new ReadRequest(9, 1000, Long.MAX_VALUE, true)))
                .isInstanceOfSatisfying(ReadResult.Records.class, r -> assertThat(r.isEmpty()).isTrue());
        assertThat(log.read(new ReadRequest(10, 1000, Long.MAX_VALUE, true))).isInstanceOf(ReadResult.PastLogEnd.class);
        assertThat(readAll(log, 4).get(0).baseOffset()).isEqualTo(3); // the batch holding the offset
        assertThat(readAll(log, 5).get(0).baseOffset()).isEqualTo(3);
        assertThat(readAll(log, 6).get(0).baseOffset()).isEqualTo(6);
        assertThat(readAll(log, 8)).hasSize(1);

        ReadResult.Records bounded = (ReadResult.Records) log.read(new ReadRequest(0, Integer.MAX_VALUE, 6, true));
        assertThat(TestBatches.parse(bytes(bounded))).hasSize(2); // lastOffset < maxOffset only
        ReadResult.Records belowFirst = (ReadResult.Records) log.read(new ReadRequest(0, Integer.MAX_VALUE, 2, true));
        assertThat(belowFirst.isEmpty()).isTrue();
        ReadResult.Records atBound = (ReadResult.Records) log.read(new ReadRequest(6, Integer.MAX_VALUE, 6, true));
        assertThat(atBound.isEmpty()).isTrue();

        int batchBytes = readAllBytes(0) / 3;
        ReadResult.Records twoBatches = (ReadResult.Records) log.read(new ReadRequest(0, batchBytes * 2 + 5, Long.MAX_VALUE, false));
        assertThat(twoBatches.slice().sizeInBytes()).isEqualTo(batchBytes * 2);
        assertThat(twoBatches.slice().firstOffset()).isZero();
        ReadResult.Records tooSmall = (ReadResult.Records) log.read(new ReadRequest(0, 10, Long.MAX_VALUE, false));
        assertThat(tooSmall.isEmpty()).isTrue();
        ReadResult.Records minOne = (ReadResult.Records) log.read(new ReadRequest(0, 10, Long.MAX_VALUE, true));
        assertThat(minOne.slice().sizeInBytes()).isEqualTo(batchBytes);
        assertThat(minOne.logEndOffset()).isEqualTo(9);
    }

    private int readAllBytes(long from) {
        return ((ReadResult.Records) log.read(new ReadRequest(from, Integer.MAX_VALUE, Long.MAX_VALUE, true)))
                .slice().sizeInBytes();
    }

    @Test
    void rollsBySizeAndReadsStayWithinOneSegment() throws IOException {
        int batchBytes = TestBatches.batch(2, 20, 1).remaining();
        open(CONFIG.withSegmentBytes(batchBytes * 3));
        for (int i = 0; i < 7; i++) {
            append(log, 2);
        }
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 6L, 12L);
        assertThat(readAll(log, 0)).hasSize(3);
        assertThat(readAll(log, 7).get(0).baseOffset()).isEqualTo(6);
        assertThat(readAll(log, 12)).hasSize(1);
        assertThat(log.sizeInBytes()).isEqualTo(7L * batchBytes);
    }

    @Test
    void rollsByAgeOfTheFirstAppend() throws IOException {
        open(CONFIG.withSegmentMs(1000));
        append(log, 1);
        time.advanceMs(999);
        append(log, 1);
        assertThat(log.segmentCount()).isEqualTo(1);
        time.advanceMs(1);
        append(log, 1);
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 2L);
    }

    @Test
    void rollsWhenTheIndexIsFull() throws IOException {
        open(CONFIG.withIndexIntervalBytes(0).withSegmentIndexBytes(32)); // 4 offset entries, 2 time entries
        for (int i = 0; i < 6; i++) {
            log.append(AppendRequest.fromClient(TestBatches.batch(1, 10, 1000 + i), 0));
        }
        assertThat(log.segmentCount()).isGreaterThan(1);
        assertThat(TestBatches.offsets(readAllSegments())).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    }

    private List<MutableRecordBatch> readAllSegments() {
        List<MutableRecordBatch> all = new java.util.ArrayList<>();
        long next = log.logStartOffset();
        while (next < log.logEndOffset()) {
            List<MutableRecordBatch> batches = readAll(log, next);
            all.addAll(batches);
            next = batches.get(batches.size() - 1).lastOffset() + 1;
        }
        return all;
    }

    @Test
    void readContinuesInTheNextSegmentWhenOneHasNothingLeft() throws IOException {
        open(CONFIG);
        append(log, 2);
        log.truncateTo(0);
        // A replica jumps ahead: offsets 10.. in a new segment after an empty one.
        log.append(new AppendRequest(withBaseOffset(TestBatches.batch(2, 10, 1), 10), 0, AppendOrigin.REPLICATION));
        log.deleteBefore(0);
        assertThat(readAll(log, 0).get(0).baseOffset()).isEqualTo(10);
    }

    @Test
    void logAppendTimeStampsTimestampsAndRecomputesTheCrc() throws IOException {
        open(CONFIG.withTimestampType(TimestampType.LOG_APPEND_TIME));
        AppendResult result = append(log, 3);
        assertThat(result.logAppendTimeMs()).isEqualTo(time.milliseconds());
        MutableRecordBatch batch = readAll(log, 0).get(0); // parse() checks the CRC
        assertThat(batch.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(batch.maxTimestamp()).isEqualTo(time.milliseconds());
        for (Record record : batch) {
            assertThat(record.timestamp()).isEqualTo(time.milliseconds());
        }
        assertThat(log.maxTimestamp()).contains(new TimestampOffset(time.milliseconds(), 0));
    }

    @Test
    void invalidBatchAnywhereInTheRequestWritesNothing() throws IOException {
        open(CONFIG);
        append(log, 1);
        ByteBuffer bad = TestBatches.batch(2, 10, 1);
        bad.put(bad.limit() - 1, (byte) 0x55);
        ByteBuffer request = TestBatches.concat(TestBatches.batch(2, 10, 1), bad);
        assertThatThrownBy(() -> log.append(AppendRequest.fromClient(request, 0)))
                .isInstanceOfSatisfying(InvalidBatchException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidBatchException.Reason.CORRUPT));
        assertThat(log.logEndOffset()).isEqualTo(1);
        assertThat(readAll(log, 0)).hasSize(1);
        assertThatThrownBy(() -> log.append(AppendRequest.fromClient(TestBatches.magicOneBatch(), 0)))
                .isInstanceOfSatisfying(InvalidBatchException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidBatchException.Reason.UNSUPPORTED_MAGIC));
    }

    @Test
    void replicationKeepsOffsetsAndEpochsButTheyMustIncrease() throws IOException {
        open(CONFIG);
        ByteBuffer batch = withBaseOffset(TestBatches.batch(3, 10, 1), 5);
        batch.putInt(12, 42);
        fixCrcNotNeeded();
        log.append(new AppendRequest(batch, 0, AppendOrigin.REPLICATION));
        assertThat(log.logEndOffset()).isEqualTo(8);
        MutableRecordBatch stored = readAll(log, 5).get(0);
        assertThat(stored.baseOffset()).isEqualTo(5);
        assertThat(stored.partitionLeaderEpoch()).isEqualTo(42);
        ByteBuffer stale = withBaseOffset(TestBatches.batch(1, 10, 1), 7);
        assertThatThrownBy(() -> log.append(new AppendRequest(stale, 0, AppendOrigin.REPLICATION)))
                .isInstanceOf(InvalidBatchException.class);
        assertThat(log.logEndOffset()).isEqualTo(8);
    }

    private static void fixCrcNotNeeded() {
        // baseOffset and partitionLeaderEpoch lie outside the CRC: nothing to recompute.
    }

    static ByteBuffer withBaseOffset(ByteBuffer batch, long baseOffset) {
        batch.putLong(0, baseOffset);
        return batch;
    }

    @Test
    void truncateToRemovesTheBatchHoldingTheOffsetAndLaterSegments() throws IOException {
        int batchBytes = TestBatches.batch(2, 20, 1).remaining();
        open(CONFIG.withSegmentBytes(batchBytes * 2).withIndexIntervalBytes(0));
        for (int i = 0; i < 5; i++) {
            append(log, 2); // segments 0 (0..3), 4 (4..7), 8 (8..9)
        }
        log.updateHighWatermark(10);
        log.truncateTo(5);
        assertThat(log.logEndOffset()).isEqualTo(4);
        assertThat(log.highWatermark()).isEqualTo(4);
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 4L);
        assertThat(append(log, 2).firstOffset()).isEqualTo(4);
        assertThat(TestBatches.offsets(readAllSegments())).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        log.truncateTo(0);
        assertThat(log.logEndOffset()).isZero();
        assertThat(log.segmentBaseOffsets()).containsExactly(0L);
        assertThat(log.read(new ReadRequest(0, 100, Long.MAX_VALUE, true)))
                .isInstanceOfSatisfying(ReadResult.Records.class, r -> assertThat(r.isEmpty()).isTrue());
    }

    @Test
    void deleteBeforeAdvancesTheStartAndDeletesWholeSegmentsOnly() throws IOException {
        int batchBytes = TestBatches.batch(2, 20, 1).remaining();
        open(CONFIG.withSegmentBytes(batchBytes * 2));
        for (int i = 0; i < 5; i++) {
            append(log, 2);
        }
        assertThat(log.deleteBefore(5)).isEqualTo(5);
        assertThat(log.logStartOffset()).isEqualTo(5);
        assertThat(log.segmentBaseOffsets()).containsExactly(4L, 8L);
        assertThat(log.read(new ReadRequest(3, 100, Long.MAX_VALUE, true))).isInstanceOf(ReadResult.BeforeLogStart.class);
        assertThat(readAll(log, 5).get(0).baseOffset()).isEqualTo(4);
        assertThat(log.deleteBefore(2)).isEqualTo(5);
        assertThat(log.deleteBefore(100)).isEqualTo(10);
        assertThat(log.segmentBaseOffsets()).containsExactly(10L);
        assertThat(append(log, 1).firstOffset()).isEqualTo(10);
        try (var files = Files.list(logDir())) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")))
                    .containsExactly("00000000000000000010.log");
        }
    }

    @Test
    void findsOffsetsByTimestamp() throws IOException {
        open(CONFIG.withIndexIntervalBytes(0));
        log.append(AppendRequest.fromClient(TestBatches.batchWithTimestamps(100, 110, 120), 0)); // 0..2
        log.append(AppendRequest.fromClient(TestBatches.batchWithTimestamps(105, 300, 200), 0)); // 3..5
        log.append(AppendRequest.fromClient(TestBatches.batchWithTimestamps(400), 0));           // 6
        assertThat(log.offsetForTimestamp(0)).contains(new TimestampOffset(100, 0));
        assertThat(log.offsetForTimestamp(111)).contains(new TimestampOffset(120, 2));
        assertThat(log.offsetForTimestamp(121)).contains(new TimestampOffset(300, 4));
        assertThat(log.offsetForTimestamp(300)).contains(new TimestampOffset(300, 4));
        assertThat(log.offsetForTimestamp(301)).contains(new TimestampOffset(400, 6));
        assertThat(log.offsetForTimestamp(401)).isEmpty();
        assertThat(log.maxTimestamp()).contains(new TimestampOffset(400, 6));
        reopen(CONFIG);
        assertThat(log.maxTimestamp()).contains(new TimestampOffset(400, 6));
        assertThat(log.offsetForTimestamp(121)).contains(new TimestampOffset(300, 4));
    }

    @Test
    void maxTimestampPrefersTheFirstOnTies() throws IOException {
        open(CONFIG);
        assertThat(log.maxTimestamp()).isEmpty();
        log.append(AppendRequest.fromClient(TestBatches.batchWithTimestamps(5, 50), 0));
        log.append(AppendRequest.fromClient(TestBatches.batchWithTimestamps(50, 7), 0));
        assertThat(log.maxTimestamp()).contains(new TimestampOffset(50, 1));
    }

    @Test
    void reopenAfterCleanCloseKeepsEverything() throws IOException {
        int batchBytes = TestBatches.batch(2, 20, 1).remaining();
        LogConfig config = CONFIG.withSegmentBytes(batchBytes * 2).withIndexIntervalBytes(0);
        open(config);
        for (int i = 0; i < 5; i++) {
            append(log, 2);
        }
        log.deleteBefore(3);
        reopen(config);
        assertThat(log.logEndOffset()).isEqualTo(10);
        assertThat(log.logStartOffset()).isEqualTo(3);
        assertThat(log.recoveryPoint()).isEqualTo(10);
        assertThat(Files.size(logDir().resolve("00000000000000000008.index"))).isEqualTo(config.segmentIndexBytes());
        assertThat(append(log, 1).firstOffset()).isEqualTo(10);
        assertThat(TestBatches.offsets(readAllSegments())).startsWith(2L, 3L).endsWith(10L);
    }

    @Test
    void recoveryTruncatesATornTailAndRebuildsIndexes() throws IOException {
        open(CONFIG.withIndexIntervalBytes(0));
        for (int i = 0; i < 4; i++) {
            append(log, 3);
        }
        long fullSize = log.sizeInBytes();
        log.abandon();
        try (var channel = java.nio.channels.FileChannel.open(logDir().resolve("00000000000000000000.log"),
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(fullSize - 7);
        }
        Files.delete(logDir().resolve("00000000000000000000.timeindex"));
        open(CONFIG.withIndexIntervalBytes(0));
        assertThat(log.logEndOffset()).isEqualTo(9);
        assertThat(log.sizeInBytes()).isEqualTo(fullSize / 4 * 3);
        assertThat(TestBatches.offsets(readAll(log, 0))).hasSize(9);
        assertThat(log.offsetForTimestamp(1001)).contains(new TimestampOffset(1001, 1));
        assertThat(append(log, 1).firstOffset()).isEqualTo(9);
    }

    @Test
    void recoveryStopsAtACorruptBatchAndDropsLaterSegments() throws IOException {
        int batchBytes = TestBatches.batch(2, 20, 1).remaining();
        LogConfig config = CONFIG.withSegmentBytes(batchBytes * 2);
        open(config);
        for (int i = 0; i < 5; i++) {
            append(log, 2);
        }
        log.abandon();
        try (var channel = java.nio.channels.FileChannel.open(logDir().resolve("00000000000000000004.log"),
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), batchBytes + 40); // inside the second batch
        }
        open(config, new LogState(2, 0, 0), false);
        assertThat(log.logEndOffset()).isEqualTo(6);
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 4L);
        assertThat(append(log, 2).firstOffset()).isEqualTo(6);
    }

    @Test
    void corruptIndexBelowTheRecoveryPointIsRebuilt() throws IOException {
        int batchBytes = TestBatches.batch(2, 20, 1).remaining();
        LogConfig config = CONFIG.withSegmentBytes(batchBytes * 2).withIndexIntervalBytes(0);
        open(config);
        for (int i = 0; i < 5; i++) {
            append(log, 2);
        }
        reopen(config);
        log.close();
        Files.write(logDir().resolve("00000000000000000000.index"), new byte[24]);
        open(config, new LogState(10, 0, 0), true);
        assertThat(TestBatches.offsets(readAll(log, 2))).containsExactly(2L, 3L);
        assertThat(log.logEndOffset()).isEqualTo(10);
    }
}
