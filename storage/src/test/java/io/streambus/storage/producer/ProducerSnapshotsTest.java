package io.streambus.storage.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerSnapshotsTest {

    @TempDir
    Path dir;

    private static ProducerStateEntry entry(long producerId, short epoch, int batches) {
        ProducerStateEntry entry = new ProducerStateEntry(producerId, epoch);
        for (int i = 0; i < batches; i++) {
            entry.addBatch(i * 10, i * 10 + 9, 100L * i, 100L * i + 9, 5000L + i);
        }
        return entry;
    }

    private static void assertSameEntry(ProducerStateEntry actual, ProducerStateEntry expected) {
        assertThat(actual.toString()).isEqualTo(expected.toString());
        assertThat(actual.lastTimestampMs()).isEqualTo(expected.lastTimestampMs());
        assertThat(actual.currentTxnFirstOffset()).isEqualTo(expected.currentTxnFirstOffset());
        for (int slot = 0; slot < expected.batchCount(); slot++) {
            assertThat(actual.firstSeq(slot)).isEqualTo(expected.firstSeq(slot));
            assertThat(actual.lastSeq(slot)).isEqualTo(expected.lastSeq(slot));
            assertThat(actual.firstOffset(slot)).isEqualTo(expected.firstOffset(slot));
            assertThat(actual.lastOffset(slot)).isEqualTo(expected.lastOffset(slot));
            assertThat(actual.maxTimestamp(slot)).isEqualTo(expected.maxTimestamp(slot));
        }
    }

    @Test
    void entriesRoundTripThroughAFile() throws IOException {
        ProducerStateEntry full = entry(7, (short) 3, 8); // only the newest five are kept
        ProducerStateEntry empty = entry(Long.MAX_VALUE, Short.MAX_VALUE, 0);
        empty.lastTimestampMs(1234);
        empty.currentTxnFirstOffset(77);
        ProducerSnapshots snapshots = new ProducerSnapshots(dir);
        snapshots.write(42, ProducerSnapshotFormat.encode(List.of(full, empty)));

        assertThat(snapshots.file(42).getFileName().toString()).isEqualTo("00000000000000000042.snapshot");
        List<ProducerStateEntry> read = snapshots.read(42);
        assertThat(read).hasSize(2);
        assertThat(read.get(0).batchCount()).isEqualTo(5);
        assertThat(read.get(0).firstSeq(0)).isEqualTo(30);
        assertSameEntry(read.get(0), full);
        assertSameEntry(read.get(1), empty);
        assertThat(ProducerSnapshotFormat.decode(ProducerSnapshotFormat.encode(List.of()))).isEmpty();
    }

    @Test
    void everyCorruptionIsDetected() {
        ByteBuffer good = ProducerSnapshotFormat.encode(List.of(entry(1, (short) 0, 2)));
        for (int i = 0; i < good.limit(); i++) {
            ByteBuffer bad = ByteBuffer.allocate(good.limit()).put(good.duplicate()).flip();
            bad.put(i, (byte) (bad.get(i) ^ 0x01));
            assertThatThrownBy(() -> ProducerSnapshotFormat.decode(bad)).as("flipped byte %d", i)
                    .isInstanceOf(CorruptSnapshotException.class);
        }
        assertThatThrownBy(() -> ProducerSnapshotFormat.decode(good.duplicate().limit(good.limit() - 1)))
                .isInstanceOf(CorruptSnapshotException.class);
        assertThatThrownBy(() -> ProducerSnapshotFormat.decode(ByteBuffer.allocate(3)))
                .isInstanceOf(CorruptSnapshotException.class);
    }

    @Test
    void keepsTheNewestTwoAndDeletesAboveAndBelow() throws IOException {
        ProducerSnapshots snapshots = new ProducerSnapshots(dir);
        ByteBuffer bytes = ProducerSnapshotFormat.encode(List.of());
        for (long offset : new long[] {10, 20, 30}) {
            snapshots.write(offset, bytes);
        }
        Files.createFile(dir.resolve("00000000000000000010.log")); // not a snapshot
        assertThat(snapshots.offsets()).containsExactly(20L, 30L);
        snapshots.deleteBelow(40); // the newest stays
        assertThat(snapshots.offsets()).containsExactly(30L);
        snapshots.write(50, bytes);
        snapshots.deleteAbove(30);
        assertThat(snapshots.offsets()).containsExactly(30L);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void sequencesWrapAroundLikeKafkas() {
        assertThat(ProducerStateManager.incrementSequence(5, 3)).isEqualTo(8);
        assertThat(ProducerStateManager.incrementSequence(Integer.MAX_VALUE, 1)).isZero();
        assertThat(ProducerStateManager.incrementSequence(Integer.MAX_VALUE - 1, 3)).isEqualTo(1);
    }
}
