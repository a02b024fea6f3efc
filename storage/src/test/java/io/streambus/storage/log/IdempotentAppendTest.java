package io.streambus.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streambus.storage.ActiveProducer;
import io.streambus.storage.AppendOrigin;
import io.streambus.storage.AppendRequest;
import io.streambus.storage.AppendResult;
import io.streambus.storage.InvalidBatchException;
import io.streambus.storage.InvalidProducerEpochException;
import io.streambus.storage.LogConfig;
import io.streambus.storage.OutOfOrderSequenceException;
import io.streambus.storage.producer.ProducerSnapshots;
import io.streambus.storage.testing.TestBatches;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Idempotent-producer checks on the append path, and the producer state across reopen, crash and truncation. */
class IdempotentAppendTest extends LogTestSupport {

    private static final long PID = 4242;

    private AppendResult produce(short epoch, int baseSeq, int count) {
        return log.append(AppendRequest.fromClient(batch(epoch, baseSeq, count), 7));
    }

    private ByteBuffer batch(short epoch, int baseSeq, int count) {
        // Timestamps near the clock's now, so the producer is not expired when the log is reopened.
        return TestBatches.idempotentBatch(PID, epoch, baseSeq, count, 16, time.milliseconds());
    }

    private void assertNothingWritten(long logEnd, long bytes) {
        assertThat(log.logEndOffset()).isEqualTo(logEnd);
        assertThat(log.sizeInBytes()).isEqualTo(bytes);
    }

    private ProducerSnapshots snapshots() {
        return new ProducerSnapshots(logDir());
    }

    @Test
    void retryOfEachOfTheLastFiveBatchesReturnsTheOriginalOffsets() throws IOException {
        open(CONFIG);
        List<AppendResult> originals = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            originals.add(produce((short) 0, i * 2, 2));
        }
        long end = log.logEndOffset();
        long bytes = log.sizeInBytes();
        for (int i = 1; i < 6; i++) {
            AppendResult retry = produce((short) 0, i * 2, 2);
            assertThat(retry.duplicate()).isTrue();
            assertThat(retry.firstOffset()).isEqualTo(originals.get(i).firstOffset());
            assertThat(retry.lastOffset()).isEqualTo(originals.get(i).lastOffset());
            assertNothingWritten(end, bytes);
        }
        // The sixth-newest batch is no longer remembered: its retry is out of order.
        assertThatThrownBy(() -> produce((short) 0, 0, 2)).isInstanceOf(OutOfOrderSequenceException.class);
        assertNothingWritten(end, bytes);
        assertThat(produce((short) 0, 12, 1).duplicate()).isFalse();
    }

    @Test
    void aGapInTheSequenceIsOutOfOrder() throws IOException {
        open(CONFIG);
        produce((short) 0, 0, 3);
        long bytes = log.sizeInBytes();
        assertThatThrownBy(() -> produce((short) 0, 4, 1)).isInstanceOf(OutOfOrderSequenceException.class);
        assertThatThrownBy(() -> produce((short) 0, 2, 1)).isInstanceOf(OutOfOrderSequenceException.class);
        assertNothingWritten(3, bytes);
        assertThat(produce((short) 0, 3, 1).firstOffset()).isEqualTo(3);
    }

    @Test
    void sequencesWrapFromIntMaxToZero() throws IOException {
        open(CONFIG);
        produce((short) 0, Integer.MAX_VALUE - 1, 4); // sequences MAX-1, MAX, 0, 1
        assertThatThrownBy(() -> produce((short) 0, 3, 1))
                .isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(produce((short) 0, 2, 1).firstOffset()).isEqualTo(4);
        AppendResult retry = produce((short) 0, Integer.MAX_VALUE - 1, 4);
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.lastOffset()).isEqualTo(3);
        assertThat(log.activeProducers()).extracting(ActiveProducer::lastSequence).containsExactly(2);
    }

    @Test
    void aNewEpochStartsAtSequenceZero() throws IOException {
        open(CONFIG);
        produce((short) 0, 0, 3);
        assertThatThrownBy(() -> produce((short) 1, 3, 1)).isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(produce((short) 1, 0, 2).duplicate()).isFalse();
        // The old epoch's batches are forgotten: a retry of them is fenced, not a duplicate.
        assertThatThrownBy(() -> produce((short) 0, 0, 3)).isInstanceOf(InvalidProducerEpochException.class);
        assertThat(produce((short) 1, 0, 2).duplicate()).isTrue();
        assertThat(log.activeProducers()).containsExactly(
                new ActiveProducer(PID, (short) 1, 1, time.milliseconds() + 1, -1));
    }

    @Test
    void aStaleEpochIsFenced() throws IOException {
        open(CONFIG);
        produce((short) 5, 0, 1);
        assertThatThrownBy(() -> produce((short) 4, 1, 1)).isInstanceOf(InvalidProducerEpochException.class);
        assertThat(log.logEndOffset()).isEqualTo(1);
    }

    @Test
    void anUnknownProducerMayStartAtAnySequence() throws IOException {
        open(CONFIG);
        assertThat(produce((short) 3, 42, 2).firstOffset()).isZero();
        assertThatThrownBy(() -> produce((short) 3, 43, 1)).isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(produce((short) 3, 44, 1).firstOffset()).isEqualTo(2);
    }

    @Test
    void batchesOfOneProducerInOneRequestMustContinueEachOther() throws IOException {
        open(CONFIG);
        AppendResult both = log.append(AppendRequest.fromClient(
                TestBatches.concat(batch((short) 0, 0, 2), batch((short) 0, 2, 2)), 7));
        assertThat(both.lastOffset()).isEqualTo(3);
        assertThatThrownBy(() -> log.append(AppendRequest.fromClient(
                TestBatches.concat(batch((short) 0, 4, 2), batch((short) 0, 7, 1)), 7)))
                .isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(log.logEndOffset()).isEqualTo(4);
    }

    @Test
    void aRetriedBatchWithOtherBatchesIsRejected() throws IOException {
        open(CONFIG);
        produce((short) 0, 0, 2);
        assertThatThrownBy(() -> log.append(AppendRequest.fromClient(
                TestBatches.concat(batch((short) 0, 0, 2), TestBatches.batch(1, 8, 1000)), 7)))
                .isInstanceOfSatisfying(InvalidBatchException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidBatchException.Reason.INVALID_RECORD));
        assertThat(log.logEndOffset()).isEqualTo(2);
    }

    @Test
    void aDuplicateOnALogAppendTimeTopicReturnsTheOriginalAppendTime() throws IOException {
        open(CONFIG.withTimestampType(TimestampType.LOG_APPEND_TIME));
        AppendResult original = produce((short) 0, 0, 2);
        time.advanceMs(500);
        AppendResult retry = produce((short) 0, 0, 2);
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.logAppendTimeMs()).isEqualTo(original.logAppendTimeMs()).isPositive();
    }

    @Test
    void replicatedBatchesAreNotCheckedButUpdateTheState() throws IOException {
        open(CONFIG);
        // A follower takes whatever its leader wrote, even a sequence gap...
        log.append(new AppendRequest(TestBatches.idempotentBatchAt(0, PID, (short) 2, 10, 2, 16, time.milliseconds()),
                -1, AppendOrigin.REPLICATION));
        log.append(new AppendRequest(TestBatches.idempotentBatchAt(2, PID, (short) 2, 20, 1, 16, time.milliseconds()),
                -1, AppendOrigin.REPLICATION));
        // ...and, once leader, answers the producer's retry from that state.
        AppendResult retry = log.append(AppendRequest.fromClient(
                TestBatches.idempotentBatch(PID, (short) 2, 20, 1, 16, time.milliseconds()), 8));
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.firstOffset()).isEqualTo(2);
        assertThat(produce((short) 2, 21, 1).firstOffset()).isEqualTo(3);
    }

    @Test
    void dedupSurvivesACleanReopen() throws IOException {
        open(CONFIG);
        produce((short) 0, 0, 2);
        AppendResult second = produce((short) 0, 2, 3);
        reopen(CONFIG);
        assertThat(snapshots().offsets()).contains(5L);
        AppendResult retry = produce((short) 0, 2, 3);
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.firstOffset()).isEqualTo(second.firstOffset());
        assertThatThrownBy(() -> produce((short) 0, 6, 1)).isInstanceOf(OutOfOrderSequenceException.class);
    }

    @Test
    void dedupSurvivesACrashThatCutTheLogTail() throws IOException {
        open(CONFIG);
        produce((short) 0, 0, 2);
        log.roll(); // snapshot at offset 2, written in the background
        await().until(() -> snapshots().offsets().contains(2L));
        produce((short) 0, 2, 2);
        produce((short) 0, 4, 2);
        LogState state = new LogState(log.recoveryPoint(), log.logStartOffset(), log.highWatermark());
        log.abandon();
        // The last batch was torn by the crash.
        Path active = SegmentFiles.log(logDir(), 2);
        long batchBytes = Files.size(active) / 2;
        try (FileChannel channel = FileChannel.open(active, StandardOpenOption.WRITE)) {
            channel.truncate(batchBytes + 10);
        }
        open(CONFIG, state, false);
        assertThat(log.logEndOffset()).isEqualTo(4);
        AppendResult kept = produce((short) 0, 2, 2);
        assertThat(kept.duplicate()).isTrue();
        assertThat(kept.firstOffset()).isEqualTo(2);
        AppendResult lost = produce((short) 0, 4, 2);
        assertThat(lost.duplicate()).isFalse();
        assertThat(lost.firstOffset()).isEqualTo(4);
    }

    @Test
    void truncationRebuildsTheState() throws IOException {
        open(CONFIG);
        List<AppendResult> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(produce((short) 0, i, 1));
            log.roll();
        }
        // Older snapshots are pruned to the newest two, whatever order the background writes finish in.
        await().until(() -> snapshots().offsets().equals(java.util.Set.of(3L, 4L)));
        log.truncateTo(2);
        assertThat(snapshots().offsets()).allMatch(offset -> offset <= 2);
        assertThat(produce((short) 0, 1, 1).duplicate()).isTrue();
        assertThatThrownBy(() -> produce((short) 0, 3, 1)).isInstanceOf(OutOfOrderSequenceException.class);
        AppendResult again = produce((short) 0, 2, 1);
        assertThat(again.duplicate()).isFalse();
        assertThat(again.firstOffset()).isEqualTo(2);
        log.truncateTo(0);
        assertThat(log.activeProducers()).isEmpty();
        assertThat(snapshots().offsets()).isEmpty();
    }

    @Test
    void aCorruptSnapshotIsSkippedAndTheStateRebuiltFromTheLog() throws IOException {
        open(CONFIG);
        produce((short) 0, 0, 2);
        produce((short) 0, 2, 2);
        log.close();
        Path snapshot = snapshots().file(4);
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length - 1] ^= 0x5a;
        Files.write(snapshot, bytes);
        open(CONFIG, new LogState(4, 0, 4), true);
        assertThat(produce((short) 0, 2, 2).duplicate()).isTrue();
        assertThat(snapshots().offsets()).doesNotContain(4L);
    }

    @Test
    void stateSurvivesDeletionOfTheSegmentsHoldingTheProducersBatches() throws IOException {
        open(CONFIG);
        produce((short) 0, 0, 2);
        log.roll();
        append(log, 3);
        log.roll();
        log.deleteBefore(5);
        reopen(CONFIG);
        assertThat(log.logStartOffset()).isEqualTo(5);
        assertThat(produce((short) 0, 0, 2).duplicate()).isTrue();
    }

    @Test
    void producersExpireAfterProducerIdExpirationMs() throws IOException {
        LogConfig config = CONFIG.withProducerIdExpirationMs(60_000);
        open(config);
        produce((short) 0, 0, 2);
        time.advanceMs(59_000);
        log.expireProducers();
        assertThat(log.activeProducers()).hasSize(1);
        time.advanceMs(1_001);
        log.expireProducers();
        assertThat(log.activeProducers()).isEmpty();
        // Forgotten: any sequence is accepted again (KIP-360).
        assertThat(produce((short) 0, 7, 1).duplicate()).isFalse();
        time.advanceMs(60_001);
        reopen(config);
        assertThat(log.activeProducers()).isEmpty();
    }
}
