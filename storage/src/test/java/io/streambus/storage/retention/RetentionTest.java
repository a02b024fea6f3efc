package io.streambus.storage.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.storage.AppendRequest;
import io.streambus.storage.CleanupConfig;
import io.streambus.storage.DurabilityPolicy;
import io.streambus.storage.LogConfig;
import io.streambus.storage.LogId;
import io.streambus.storage.LogManager;
import io.streambus.storage.LogManagerConfig;
import io.streambus.storage.PartitionLog;
import io.streambus.storage.ReadRequest;
import io.streambus.storage.ReadResult;
import io.streambus.storage.log.LogState;
import io.streambus.storage.log.SegmentedLog;
import io.streambus.storage.testing.ManualTime;
import io.streambus.storage.testing.TestBatches;
import io.streambus.storage.testing.TestLogContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {

    static final LogId ID = new LogId("events", 0);
    static final LogConfig CONFIG = LogConfig.DEFAULT.withDurability(DurabilityPolicy.NONE);

    @TempDir
    Path dataDir;

    final ManualTime time = new ManualTime();
    final TestLogContext threads = new TestLogContext(time);
    SegmentedLog log;

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
        threads.close();
    }

    SegmentedLog open(LogConfig config) throws IOException {
        log = SegmentedLog.open(ID, dataDir.resolve(ID.directoryName()), config, threads.context(), LogState.EMPTY,
                false);
        return log;
    }

    /** Appends one segment of {@code records} single-record batches stamped {@code timestampMs}, then rolls. */
    void segment(int records, long timestampMs) {
        for (int i = 0; i < records; i++) {
            log.append(AppendRequest.fromClient(TestBatches.batch(1, 100, timestampMs), 0));
        }
        log.roll();
    }

    @Test
    void deletesWholeSegmentsOlderThanRetentionMsButNeverTheActiveOne() throws IOException {
        open(CONFIG.withCleanup(CleanupConfig.DEFAULT.withRetentionMs(10_000)));
        long start = time.milliseconds();
        segment(5, start);               // 0..4
        segment(5, start + 5_000);       // 5..9
        log.append(AppendRequest.fromClient(TestBatches.batch(1, 100, start), 0)); // active, old timestamp

        time.advanceMs(10_001);
        assertThat(log.enforceRetention()).isEqualTo(5);
        assertThat(log.segmentBaseOffsets()).containsExactly(5L, 10L);

        time.advanceMs(5_000);
        assertThat(log.enforceRetention()).isEqualTo(10);
        assertThat(log.segmentBaseOffsets()).containsExactly(10L);

        time.advanceMs(1_000_000);
        assertThat(log.enforceRetention()).as("the active segment stays").isEqualTo(10);
        assertThat(log.read(new ReadRequest(3, 1000, Long.MAX_VALUE, true)))
                .isEqualTo(new ReadResult.BeforeLogStart(10, 11));
    }

    @Test
    void deletesOldestSegmentsWhileTheLogIsLargerThanRetentionBytes() throws IOException {
        open(CONFIG.withCleanup(CleanupConfig.DEFAULT.withRetentionMs(-1)));
        segment(4, 1);
        long segmentBytes = log.sizeInBytes();
        segment(4, 1);
        segment(4, 1);
        log.append(AppendRequest.fromClient(TestBatches.batch(1, 100, 1), 0));
        long total = log.sizeInBytes();

        log.updateConfig(log.config().withCleanup(log.config().cleanup().withRetentionBytes(total - segmentBytes)));
        assertThat(log.enforceRetention()).isEqualTo(4);

        log.updateConfig(log.config().withCleanup(log.config().cleanup().withRetentionBytes(total - segmentBytes - 1)));
        assertThat(log.enforceRetention()).as("deleting one more would go below the limit").isEqualTo(4);

        log.updateConfig(log.config().withCleanup(log.config().cleanup().withRetentionBytes(total - 2 * segmentBytes)));
        assertThat(log.enforceRetention()).isEqualTo(8);

        log.updateConfig(log.config().withCleanup(log.config().cleanup().withRetentionBytes(0)));
        assertThat(log.enforceRetention()).isEqualTo(12);
        assertThat(log.segmentCount()).isEqualTo(1);
    }

    @Test
    void compactOnlyLogsAreNotDeletedByRetention() throws IOException {
        open(CONFIG.withCleanup(CleanupConfig.compacted().withRetentionMs(1).withRetentionBytes(0)));
        segment(3, 1);
        time.advanceMs(1000);
        assertThat(log.enforceRetention()).isZero();
        assertThat(log.segmentCount()).isEqualTo(2);
    }

    @Test
    void theLogManagerAppliesRetentionEveryCheckInterval() {
        LogConfig config = CONFIG.withCleanup(CleanupConfig.DEFAULT.withRetentionMs(60_000));
        LogManagerConfig managerConfig = new LogManagerConfig(1, 1, 60_000, 0).withRetentionCheckIntervalMs(20);
        try (LogManager manager = LogManager.open(dataDir, id -> config, time, managerConfig)) {
            PartitionLog events = manager.getOrCreate(ID, config);
            for (int i = 0; i < 3; i++) {
                events.append(AppendRequest.fromClient(TestBatches.batch(2, 100, time.milliseconds()), 0));
                ((SegmentedLog) events).roll();
            }
            assertThat(events.logStartOffset()).isZero();
            time.advanceMs(60_002); // past the last record's timestamp (batch start + 1) by more than retention.ms
            await().atMost(Duration.ofSeconds(10)).until(() -> events.logStartOffset() == 6);
            assertThat(events.segmentCount()).isEqualTo(1);
        }
    }
}
