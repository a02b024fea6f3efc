package io.streambus.storage.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.storage.AppendOrigin;
import io.streambus.storage.AppendRequest;
import io.streambus.storage.CleanupConfig;
import io.streambus.storage.DurabilityPolicy;
import io.streambus.storage.LogConfig;
import io.streambus.storage.LogId;
import io.streambus.storage.log.LogState;
import io.streambus.storage.log.SegmentedLog;
import io.streambus.storage.testing.KeyedRecords;
import io.streambus.storage.testing.ManualTime;
import io.streambus.storage.testing.TestLogContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.ControlRecordType;
import org.apache.kafka.common.record.EndTransactionMarker;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction with transactions: aborted data goes and never shadows committed data; open ones are not touched. */
class TransactionalCompactionTest {

    static final LogId ID = new LogId("txn-compacted", 0);
    static final LogConfig CONFIG = LogConfig.DEFAULT.withDurability(DurabilityPolicy.NONE).withSegmentBytes(1024)
            .withCleanup(CleanupConfig.compacted().withDeleteRetentionMs(1000));

    @TempDir
    Path dataDir;

    final ManualTime time = new ManualTime();
    final TestLogContext threads = new TestLogContext(time);
    final Cleaner cleaner = new Cleaner(1024 * 1024, new IoThrottler(Double.MAX_VALUE, time), time, () -> false);
    SegmentedLog log;

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
        threads.close();
    }

    private void put(String key, String value) {
        log.append(AppendRequest.fromClient(KeyedRecords.record(time.milliseconds(), key, value), 0));
    }

    private void txnPut(long producerId, int sequence, String key, String value) {
        MemoryRecords records = MemoryRecords.withTransactionalRecords(Compression.NONE, producerId, (short) 0, sequence,
                new SimpleRecord(time.milliseconds(), key.getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8)));
        log.append(AppendRequest.fromClient(records.buffer(), 0));
    }

    private void marker(long producerId, boolean commit) {
        MemoryRecords marker = MemoryRecords.withEndTransactionMarker(time.milliseconds(), producerId, (short) 0,
                new EndTransactionMarker(commit ? ControlRecordType.COMMIT : ControlRecordType.ABORT, 0));
        log.append(new AppendRequest(marker.buffer(), 0, AppendOrigin.COORDINATOR));
    }

    @Test
    void abortedValuesAreDroppedAndDoNotShadowCommittedOnes() throws IOException {
        log = SegmentedLog.open(ID, dataDir.resolve(ID.directoryName()), CONFIG, threads.context(), LogState.EMPTY,
                false);
        put("a", "committed-a");        // 0
        txnPut(7, 0, "b", "committed-b"); // 1
        marker(7, true);                // 2
        txnPut(8, 0, "a", "aborted-a"); // 3
        txnPut(8, 1, "b", "aborted-b"); // 4
        marker(8, false);               // 5
        log.roll();
        txnPut(9, 0, "a", "open-a");    // 6, still open: bounds the cleanable range
        log.roll();
        put("d", "after");              // 7
        log.roll();
        log.updateHighWatermark(log.logEndOffset());

        cleaner.clean(log);

        // Markers (offsets 2 and 5) stay; their records are control records, not values.
        assertThat(KeyedRecords.readAll(log)).filteredOn(e -> e.offset() != 2 && e.offset() != 5)
                .extracting(KeyedRecords.Entry::value)
                .containsExactly("committed-a", "committed-b", "open-a", "after");
    }
}
