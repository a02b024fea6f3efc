package io.streambus.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streambus.storage.testing.ManualTime;
import io.streambus.storage.testing.TestBatches;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogManagerTest {

    private static final LogConfig CONFIG = LogConfig.DEFAULT.withDurability(DurabilityPolicy.NONE);
    private static final LogManagerConfig MANAGER = new LogManagerConfig(2, 1, 60_000, 0);

    @TempDir
    Path dataDir;

    private final ManualTime time = new ManualTime();

    private LogManager open() {
        return LogManager.open(dataDir, id -> CONFIG, time, MANAGER);
    }

    @Test
    void secondOpenOfTheSameDirectoryFailsClearly() {
        try (LogManager first = open()) {
            assertThat(first.dataDir()).isEqualTo(dataDir);
            assertThatThrownBy(this::open).isInstanceOf(StorageException.class).hasMessageContaining("in use");
        }
        open().close();
    }

    @Test
    void logsSurviveACleanRestartWithCheckpoints() throws IOException {
        LogId a = new LogId("orders", 0);
        LogId b = new LogId("my-orders", 12);
        try (LogManager manager = open()) {
            PartitionLog log = manager.getOrCreate(a, CONFIG);
            assertThat(manager.getOrCreate(a, CONFIG)).isSameAs(log);
            for (int i = 0; i < 3; i++) {
                log.append(AppendRequest.fromClient(TestBatches.batch(2, 10, 1), 0));
            }
            log.updateHighWatermark(4);
            log.deleteBefore(1);
            manager.getOrCreate(b, CONFIG);
        }
        assertThat(Files.exists(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE))).isTrue();
        assertThat(Files.readAllLines(dataDir.resolve(LogManager.HIGH_WATERMARK_CHECKPOINT))).contains("orders 0 4");
        try (LogManager manager = open()) {
            assertThat(Files.exists(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE))).isFalse();
            PartitionLog log = manager.log(a).orElseThrow();
            assertThat(log.logEndOffset()).isEqualTo(6);
            assertThat(log.highWatermark()).isEqualTo(4);
            assertThat(log.logStartOffset()).isEqualTo(1);
            assertThat(log.recoveryPoint()).isEqualTo(6);
            assertThat(manager.log(b)).isPresent();
            assertThat(manager.log(new LogId("nope", 0))).isEmpty();
        }
    }

    @Test
    void cleanShutdownMarkerMeansNothingIsScanned() throws IOException {
        LogId id = new LogId("clean", 0);
        try (LogManager manager = open()) {
            for (int i = 0; i < 3; i++) {
                manager.getOrCreate(id, CONFIG).append(AppendRequest.fromClient(TestBatches.batch(2, 10, 1), 0));
            }
        }
        // Flip a byte inside the first batch: a scan would cut the log there, a trusted open keeps it.
        Path segment = dataDir.resolve("clean-0").resolve("00000000000000000000.log");
        try (var channel = java.nio.channels.FileChannel.open(segment, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {0x7f}), 70);
        }
        try (LogManager manager = open()) {
            assertThat(manager.log(id).orElseThrow().logEndOffset()).isEqualTo(6);
        }
        Files.delete(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE));
        Files.writeString(dataDir.resolve(LogManager.RECOVERY_POINT_CHECKPOINT), "0\n0\n");
        try (LogManager manager = open()) {
            assertThat(manager.log(id).orElseThrow().logEndOffset()).isZero();
        }
    }

    @Test
    void aLogThatCannotBeOpenedGoesOfflineAndStartUpContinues() throws IOException {
        LogId good = new LogId("good", 0);
        LogId bad = new LogId("bad", 0);
        try (LogManager manager = open()) {
            manager.getOrCreate(good, CONFIG).append(AppendRequest.fromClient(TestBatches.batch(1, 10, 1), 0));
            manager.getOrCreate(bad, CONFIG).append(AppendRequest.fromClient(TestBatches.batch(1, 10, 1), 0));
        }
        Path index = dataDir.resolve("bad-0").resolve("00000000000000000000.index");
        Files.delete(index);
        Files.createDirectory(index); // an index that cannot be opened as a file
        try (LogManager manager = open()) {
            assertThat(manager.offlineLogs()).containsExactly(bad);
            assertThatThrownBy(() -> manager.log(bad)).isInstanceOf(LogOfflineException.class);
            assertThat(manager.log(good).orElseThrow().logEndOffset()).isEqualTo(1);
        }
    }

    @Test
    void corruptCheckpointsAndTruncatedFilesNeverStopStartUp() throws IOException {
        LogId id = new LogId("t", 0);
        try (LogManager manager = open()) {
            for (int i = 0; i < 3; i++) {
                manager.getOrCreate(id, CONFIG).append(AppendRequest.fromClient(TestBatches.batch(2, 10, 1), 0));
            }
        }
        Files.writeString(dataDir.resolve(LogManager.RECOVERY_POINT_CHECKPOINT), "garbage");
        Files.delete(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE));
        Path segment = dataDir.resolve("t-0").resolve("00000000000000000000.log");
        try (var channel = java.nio.channels.FileChannel.open(segment, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 1);
        }
        try (LogManager manager = open()) {
            assertThat(manager.log(id).orElseThrow().logEndOffset()).isEqualTo(4);
        }
    }

    @Test
    void deleteRenamesTheDirectoryAndRemovesItInTheBackground() throws IOException {
        LogId id = new LogId("gone", 2);
        try (LogManager manager = open()) {
            manager.getOrCreate(id, CONFIG).append(AppendRequest.fromClient(TestBatches.batch(1, 10, 1), 0));
            assertThat(manager.delete(id)).isTrue();
            assertThat(manager.log(id)).isEmpty();
            assertThat(Files.exists(dataDir.resolve("gone-2"))).isFalse();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                try (Stream<Path> files = Files.list(dataDir)) {
                    return files.noneMatch(p -> p.getFileName().toString().startsWith("gone-2"));
                }
            });
            assertThat(manager.getOrCreate(id, CONFIG).logEndOffset()).isZero();
        }
    }
}
