package io.streambus.storage.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a log is due for cleaning: dirty ratio, min and max compaction lag, high watermark, delete horizons. */
class CleanableRangeTest {

    static final LogId ID = new LogId("lag", 0);

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

    void open(CleanupConfig cleanup) throws IOException {
        LogConfig config = LogConfig.DEFAULT.withDurability(DurabilityPolicy.NONE).withCleanup(cleanup);
        log = SegmentedLog.open(ID, dataDir.resolve(ID.directoryName()), config, threads.context(), LogState.EMPTY,
                false);
    }

    /** One sealed, committed segment of {@code records} records stamped now. */
    void segment(int records) {
        for (int i = 0; i < records; i++) {
            log.append(AppendRequest.fromClient(KeyedRecords.record(time.milliseconds(), "k" + i, "v"), 0));
        }
        log.roll();
        log.updateHighWatermark(log.logEndOffset());
    }

    CleanableRange range() throws IOException {
        return CleanableRange.of(log, log.cleanerProgress().firstDirtyOffset(), time.milliseconds());
    }

    @Test
    void dueWhenTheDirtyRatioReachesTheMinimum() throws IOException {
        open(CleanupConfig.compacted().withMinCleanableDirtyRatio(0.6));
        segment(10);
        log.cleanerProgress().firstDirtyOffset(10); // the first segment counts as clean
        segment(10);
        CleanableRange range = range();
        assertThat(range.dirtyRatio()).isEqualTo(0.5);
        assertThat(range.due(log.config().cleanup(), Long.MAX_VALUE, time.milliseconds())).isFalse();
        segment(10);
        assertThat(range().dirtyRatio()).isGreaterThan(0.6);
        assertThat(range().due(log.config().cleanup(), Long.MAX_VALUE, time.milliseconds())).isTrue();
    }

    @Test
    void maxCompactionLagForcesACleaningWhateverTheRatio() throws IOException {
        open(CleanupConfig.compacted().withMinCleanableDirtyRatio(1.0).withCompactionLagMs(0, 60_000));
        segment(10);
        log.cleanerProgress().firstDirtyOffset(10);
        segment(1);
        assertThat(range().due(log.config().cleanup(), Long.MAX_VALUE, time.milliseconds())).isFalse();
        time.advanceMs(60_001);
        assertThat(range().maxLagExceeded()).isTrue();
        assertThat(range().due(log.config().cleanup(), Long.MAX_VALUE, time.milliseconds())).isTrue();
    }

    @Test
    void minCompactionLagKeepsYoungSegmentsOut() throws IOException {
        open(CleanupConfig.compacted().withCompactionLagMs(10_000, Long.MAX_VALUE));
        segment(5);
        time.advanceMs(5_000);
        segment(5);
        assertThat(range().segments()).isEmpty();
        time.advanceMs(5_001);
        assertThat(range().firstUncleanableOffset()).isEqualTo(5);
        time.advanceMs(5_000);
        assertThat(range().firstUncleanableOffset()).isEqualTo(10);
    }

    @Test
    void segmentsPastTheHighWatermarkAreNotCleanable() throws IOException {
        open(CleanupConfig.compacted());
        segment(5);
        segment(5);
        log.updateHighWatermark(7);
        assertThat(range().firstUncleanableOffset()).isEqualTo(5);
    }

    @Test
    void aPassedDeleteHorizonMakesACleanLogDue() throws IOException {
        open(CleanupConfig.compacted());
        segment(5);
        log.cleanerProgress().firstDirtyOffset(5);
        CleanableRange range = range();
        assertThat(range.due(log.config().cleanup(), time.milliseconds() + 1, time.milliseconds())).isFalse();
        assertThat(range.due(log.config().cleanup(), time.milliseconds(), time.milliseconds())).isTrue();
    }
}
