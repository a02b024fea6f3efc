package io.streambus.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.storage.AbortedTxn;
import io.streambus.storage.AppendOrigin;
import io.streambus.storage.AppendRequest;
import io.streambus.storage.AppendResult;
import io.streambus.storage.producer.ProducerSnapshots;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.ControlRecordType;
import org.apache.kafka.common.record.EndTransactionMarker;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.Test;

/**
 * Transactions in a log: open transactions bound the first unstable offset, abort markers land in the
 * aborted-transaction index, and both survive roll, clean reopen, crash recovery and truncation.
 */
class TransactionalLogTest extends LogTestSupport {

    private int sequence;

    private AppendResult txnData(long producerId, int records) {
        SimpleRecord[] simple = new SimpleRecord[records];
        for (int i = 0; i < records; i++) {
            simple[i] = new SimpleRecord(time.milliseconds(), "k".getBytes(), ("v" + i).getBytes());
        }
        ByteBuffer buffer = MemoryRecords.withTransactionalRecords(Compression.NONE, producerId, (short) 0,
                producerId == 1 ? sequence : 0, simple).buffer();
        if (producerId == 1) {
            sequence += records;
        }
        return log.append(new AppendRequest(buffer, 0, AppendOrigin.COORDINATOR));
    }

    private AppendResult marker(long producerId, boolean commit) {
        MemoryRecords marker = MemoryRecords.withEndTransactionMarker(time.milliseconds(), producerId, (short) 0,
                new EndTransactionMarker(commit ? ControlRecordType.COMMIT : ControlRecordType.ABORT, 0));
        return log.append(new AppendRequest(marker.buffer(), 0, AppendOrigin.COORDINATOR));
    }

    @Test
    void openTransactionsBoundTheFirstUnstableOffset() throws IOException {
        open(CONFIG);
        append(log, 3);
        assertThat(log.firstUnstableOffset()).isEqualTo(Long.MAX_VALUE);
        txnData(1, 2);            // 3..4
        txnData(2, 1);            // 5
        assertThat(log.firstUnstableOffset()).isEqualTo(3);
        assertThat(log.hasOpenTransaction(1)).isTrue();
        marker(1, true);          // 6
        assertThat(log.firstUnstableOffset()).isEqualTo(5);
        assertThat(log.hasOpenTransaction(1)).isFalse();
        marker(2, false);         // 7
        assertThat(log.firstUnstableOffset()).isEqualTo(Long.MAX_VALUE);
        assertThat(log.abortedTransactions(0, Long.MAX_VALUE)).containsExactly(new AbortedTxn(2, 5, 7, 8));
        assertThat(log.abortedTransactions(8, Long.MAX_VALUE)).isEmpty();
        assertThat(log.abortedTransactions(0, 5)).as("began at the bound").isEmpty();
    }

    @Test
    void abortedTransactionsAndOpenOnesSurviveRollAndReopen() throws IOException {
        open(CONFIG);
        txnData(1, 2);            // 0..1
        marker(1, false);         // 2
        log.roll();
        await().until(() -> new ProducerSnapshots(logDir()).offsets().contains(3L));
        txnData(2, 1);            // 3, open
        txnData(1, 1);            // 4
        marker(1, false);         // 5
        assertThat(Files.exists(SegmentFiles.log(logDir(), 3).resolveSibling(
                SegmentFiles.baseName(3) + SegmentFiles.TXN_INDEX))).isTrue();
        reopen(CONFIG);
        assertThat(log.abortedTransactions(0, Long.MAX_VALUE)).extracting(AbortedTxn::lastOffset).containsExactly(2L, 5L);
        assertThat(log.firstUnstableOffset()).isEqualTo(3);
    }

    @Test
    void crashRecoveryRebuildsFromTheLogAndTruncationDropsEntries() throws IOException {
        open(CONFIG);
        txnData(1, 2);            // 0..1
        marker(1, false);         // 2
        txnData(1, 1);            // 3
        marker(1, false);         // 4
        LogState state = new LogState(0, log.logStartOffset(), log.highWatermark());
        log.abandon();
        // Index files lost in the crash: replaying the batches finds the markers again.
        try (var files = Files.newDirectoryStream(logDir(), "*" + SegmentFiles.TXN_INDEX)) {
            for (var file : files) {
                Files.delete(file);
            }
        }
        open(CONFIG, state, false);
        assertThat(log.abortedTransactions(0, Long.MAX_VALUE)).extracting(AbortedTxn::lastOffset).containsExactly(2L, 4L);
        log.truncateTo(3);
        assertThat(log.abortedTransactions(0, Long.MAX_VALUE)).extracting(AbortedTxn::lastOffset).containsExactly(2L);
        assertThat(log.firstUnstableOffset()).isEqualTo(Long.MAX_VALUE);
        reopen(CONFIG);
        assertThat(log.abortedTransactions(0, Long.MAX_VALUE)).extracting(AbortedTxn::lastOffset).containsExactly(2L);
    }

    @Test
    void deletingSegmentsDropsTheirEntries() throws IOException {
        open(CONFIG);
        txnData(1, 1);            // 0
        marker(1, false);         // 1
        log.roll();
        txnData(1, 1);            // 2
        marker(1, false);         // 3
        log.roll();
        append(log, 1);
        log.updateHighWatermark(log.logEndOffset());
        log.deleteBefore(2);
        List<AbortedTxn> left = log.abortedTransactions(0, Long.MAX_VALUE);
        assertThat(left).extracting(AbortedTxn::lastOffset).containsExactly(3L);
    }
}
