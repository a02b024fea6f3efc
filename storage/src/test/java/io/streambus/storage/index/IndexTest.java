package io.streambus.storage.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexTest {

    @TempDir
    Path dir;

    @Test
    void offsetIndexLooksUpTheLastEntryAtOrBelow() throws IOException {
        try (OffsetIndex index = new OffsetIndex(dir.resolve("a.index"), 100, 1024, true)) {
            assertThat(index.lookup(150)).isZero();
            index.append(100, 0);
            index.append(110, 4000);
            index.append(130, 9000);
            assertThat(index.lookup(99)).isZero();
            assertThat(index.lookup(100)).isZero();
            assertThat(index.lookup(109)).isZero();
            assertThat(index.lookup(110)).isEqualTo(4000);
            assertThat(index.lookup(129)).isEqualTo(4000);
            assertThat(index.lookup(1000)).isEqualTo(9000);
            assertThat(index.lastOffset()).isEqualTo(130);
            index.truncateTo(110);
            assertThat(index.entries()).isEqualTo(1);
            assertThat(index.lookup(1000)).isZero();
        }
    }

    @Test
    void preallocatedFileIsTrimmedOnCloseAndEntriesSurviveReopen() throws IOException {
        Path file = dir.resolve("b.index");
        try (OffsetIndex index = new OffsetIndex(file, 0, 800, true)) {
            assertThat(Files.size(file)).isEqualTo(800);
            index.append(5, 100);
            index.append(9, 200);
        }
        assertThat(Files.size(file)).isEqualTo(16);
        try (OffsetIndex index = new OffsetIndex(file, 0, 800, true)) {
            assertThat(index.entries()).isEqualTo(2);
            assertThat(index.lookup(9)).isEqualTo(200);
            index.sanityCheck(1000);
        }
    }

    @Test
    void fullIndexKeepsOneSlotForTheFinalTimeEntry() throws IOException {
        try (TimeIndex index = new TimeIndex(dir.resolve("c.timeindex"), 0, 36, true)) {
            assertThat(index.maxEntries()).isEqualTo(3);
            index.maybeAppend(10, 1, false);
            index.maybeAppend(10, 2, false); // not growing: ignored
            index.maybeAppend(20, 3, false);
            assertThat(index.entries()).isEqualTo(2);
            assertThat(index.isFull()).isTrue();
            index.maybeAppend(30, 4, false);
            assertThat(index.entries()).isEqualTo(2);
            index.maybeAppend(30, 4, true);
            assertThat(index.entries()).isEqualTo(3);
            assertThat(index.lastTimestamp()).isEqualTo(30);
            assertThat(index.lookup(25)).isEqualTo(3);
            assertThat(index.lookup(5)).isZero();
        }
    }

    @Test
    void sanityCheckRejectsZeroFilledAndOutOfRangeEntries() throws IOException {
        Path file = dir.resolve("d.index");
        Files.write(file, new byte[64]); // what a crash leaves of a preallocated index
        try (OffsetIndex index = new OffsetIndex(file, 0, 64, false)) {
            assertThatThrownBy(() -> index.sanityCheck(1000)).isInstanceOf(CorruptIndexException.class);
        }
        Path other = dir.resolve("e.index");
        try (FileChannel channel = FileChannel.open(other, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(8).putInt(0, 3).putInt(4, 5000));
        }
        try (OffsetIndex index = new OffsetIndex(other, 0, 64, false)) {
            assertThatThrownBy(() -> index.sanityCheck(4000)).isInstanceOf(CorruptIndexException.class);
            index.sanityCheck(6000);
        }
        Path time = dir.resolve("f.timeindex");
        Files.write(time, new byte[36]);
        try (TimeIndex index = new TimeIndex(time, 0, 36, false)) {
            assertThatThrownBy(() -> index.sanityCheck(1000)).isInstanceOf(CorruptIndexException.class);
        }
    }
}
