package io.streambus.storage.cleaner;

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
import io.streambus.storage.Time;
import io.streambus.storage.log.SegmentedLog;
import io.streambus.storage.testing.KeyedRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slow (throttled) pass does not hold up deleting its log or closing the data directory: both end the
 * pass at once, and the log left behind is the old one.
 */
class CleanerLifecycleTest {

    static final LogConfig CONFIG = LogConfig.DEFAULT.withDurability(DurabilityPolicy.NONE).withSegmentBytes(64 * 1024)
            .withCleanup(CleanupConfig.compacted().withMinCleanableDirtyRatio(0.01));
    /** 64 KiB/s: a pass over a megabyte would take many seconds. */
    static final LogManagerConfig SLOW_CLEANER = new LogManagerConfig(1, 1, 60_000, 0)
            .withCleaner(new CleanerConfig(true, 1, 64 * 1024, 4 * 1024 * 1024, 10));

    @TempDir
    Path dataDir;

    private static void fill(PartitionLog log) {
        for (int i = 0; i < 400; i++) {
            log.append(AppendRequest.fromClient(KeyedRecords.batch(Compression.NONE, 1L,
                    List.of("a" + i % 10, "b" + i % 10), List.of("x".repeat(1000), "y".repeat(1000))), 0));
        }
        ((SegmentedLog) log).roll();
        log.updateHighWatermark(log.logEndOffset());
    }

    private static boolean noCleanerFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.noneMatch(p -> p.toString().endsWith(".cleaned") || p.toString().endsWith(".swap"));
        }
    }

    @Test
    void deletingALogEndsItsRunningPass() {
        LogId id = new LogId("doomed", 0);
        try (LogManager manager = LogManager.open(dataDir, x -> CONFIG, Time.SYSTEM, SLOW_CLEANER)) {
            PartitionLog log = manager.getOrCreate(id, CONFIG);
            fill(log);
            manager.cleaner().wakeUp();
            await().atMost(Duration.ofSeconds(10)).until(() -> manager.cleaner().throttledNs() > 0); // a pass runs
            long start = System.nanoTime();
            assertThat(manager.delete(id)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(manager.cleaner().failures()).isZero();
        }
    }

    @Test
    void closingEndsARunningPassAndTheLogReopensUnchanged() {
        LogId id = new LogId("kept", 0);
        List<KeyedRecords.Entry> before;
        try (LogManager manager = LogManager.open(dataDir, x -> CONFIG, Time.SYSTEM, SLOW_CLEANER)) {
            PartitionLog log = manager.getOrCreate(id, CONFIG);
            fill(log);
            before = KeyedRecords.readAll(log);
            manager.cleaner().wakeUp();
            await().atMost(Duration.ofSeconds(10)).until(() -> manager.cleaner().throttledNs() > 0); // a pass runs
            assertThat(manager.cleaner().passes()).isZero();
        }
        LogManagerConfig noCleaner = SLOW_CLEANER.withCleaner(new CleanerConfig(false, 1, 64 * 1024, 4 * 1024 * 1024, 10));
        try (LogManager manager = LogManager.open(dataDir, x -> CONFIG, Time.SYSTEM, noCleaner)) {
            PartitionLog log = manager.log(id).orElseThrow();
            assertThat(KeyedRecords.readAll(log)).containsExactlyElementsOf(before);
            assertThat(noCleanerFiles(log.directory())).isTrue();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
