package io.streambus.metadata.log;

import static io.streambus.metadata.testing.Records.broker;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMetadataLogTest extends MetadataLogContractTest {

    @TempDir
    Path dir;
    private LocalMetadataLog extra;

    @Override
    protected MetadataLog createLog() {
        return LocalMetadataLog.open(dir);
    }

    @Override
    protected MetadataLog reopenLog() {
        return LocalMetadataLog.open(dir);
    }

    @AfterEach
    void closeExtra() {
        if (extra != null) {
            extra.close();
        }
    }

    private Path logFile() {
        return dir.resolve(LocalMetadataLog.LOG_FILE_NAME);
    }

    private void writeThreeBatches() {
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            log.append(List.of(broker(1))).join();
            log.append(List.of(broker(2), broker(3))).join();
            log.append(List.of(broker(4))).join();
        }
    }

    private List<MetadataBatch> reopenAndRead() {
        extra = LocalMetadataLog.open(dir);
        RecordingListener listener = new RecordingListener();
        extra.register(listener).join();
        return listener.batches;
    }

    @Test
    void aDirectoryCanBeOpenedByOneLogAtATime() {
        extra = LocalMetadataLog.open(dir);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalMetadataLog.open(dir))
                .isInstanceOf(MetadataLogException.class);
        extra.close();
        extra = LocalMetadataLog.open(dir);
    }

    @Test
    void tornTailIsTruncatedAndAppendsContinueAfterTheValidPrefix() throws IOException {
        writeThreeBatches();
        long size = Files.size(logFile());
        try (FileChannel ch = FileChannel.open(logFile(), StandardOpenOption.WRITE)) {
            ch.truncate(size - 3);
        }
        List<MetadataBatch> batches = reopenAndRead();
        assertThat(batches).extracting(MetadataBatch::lastOffset).containsExactly(0L, 2L);
        assertThat(extra.lastCommittedOffset()).isEqualTo(2);
        assertThat(extra.append(List.of(broker(7))).join()).isEqualTo(3);
        extra.close();
        assertThat(reopenAndRead()).extracting(MetadataBatch::records).last().isEqualTo(List.of(broker(7)));
    }

    @Test
    void corruptedLastBatchFailsItsCrcAndIsDropped() throws IOException {
        writeThreeBatches();
        long size = Files.size(logFile());
        try (FileChannel ch = FileChannel.open(logFile(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, size - 8);
            ch.write(ByteBuffer.wrap(new byte[] {(byte) (one.get(0) ^ 0x01)}), size - 8);
        }
        assertThat(reopenAndRead()).extracting(MetadataBatch::lastOffset).containsExactly(0L, 2L);
    }

    @Test
    void garbageLengthAfterTheLastBatchIsTruncated() throws IOException {
        writeThreeBatches();
        long size = Files.size(logFile());
        Files.write(logFile(), new byte[] {0x7F, 0, 0, 0, 1, 2}, StandardOpenOption.APPEND);
        assertThat(reopenAndRead()).hasSize(3);
        assertThat(Files.size(logFile())).isEqualTo(size);
    }

    @Test
    void snapshotsAreWrittenAtomicallyAndOldOnesPruned() throws IOException {
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            for (int i = 0; i < 6; i++) {
                log.append(List.of(broker(i))).join();
                log.createSnapshot(new MetadataSnapshot(i, List.of(broker(i)))).join();
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("snapshot-")))
                    .containsExactlyInAnyOrder("snapshot-00000000000000000005", "snapshot-00000000000000000004",
                            "snapshot-00000000000000000003");
        }
    }

    @Test
    void unfinishedOrDamagedSnapshotsAreIgnored() throws IOException {
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            log.append(List.of(broker(1))).join();
            log.createSnapshot(new MetadataSnapshot(0, List.of(broker(1)))).join();
            log.append(List.of(broker(2))).join();
            log.createSnapshot(new MetadataSnapshot(1, List.of(broker(1), broker(2)))).join();
        }
        Path latest = SnapshotFile.path(dir, 1);
        byte[] bytes = Files.readAllBytes(latest);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(latest, bytes);
        Files.write(dir.resolve("snapshot-00000000000000000009.tmp"), new byte[] {1, 2, 3});

        extra = LocalMetadataLog.open(dir);
        RecordingListener listener = new RecordingListener();
        extra.register(listener).join();
        assertThat(listener.snapshots).extracting(MetadataSnapshot::lastOffset).containsExactly(0L);
        assertThat(listener.batches).containsExactly(new MetadataBatch(1, List.of(broker(2))));
        assertThat(Files.exists(dir.resolve("snapshot-00000000000000000009.tmp"))).isFalse();
    }
}
