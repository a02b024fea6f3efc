package io.streambus.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeaderWindowTest {

    private static final int FILE_BYTES = 5 * HeaderWindow.WINDOW_BYTES + 123;

    @TempDir
    Path dir;

    private byte[] content;
    private FileChannel channel;

    @BeforeEach
    void writeFile() throws IOException {
        content = new byte[FILE_BYTES];
        new Random(7).nextBytes(content);
        channel = FileChannel.open(dir.resolve("segment.log"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        channel.write(ByteBuffer.wrap(content), 0);
    }

    @Test
    void smallAndLargeGapsReturnTheFileBytes() throws IOException {
        HeaderWindow window = new HeaderWindow(channel);
        ByteBuffer scratch = ByteBuffer.allocate(LogSegment.HEADER_PREFIX);
        Random random = new Random(11);
        long position = 0;
        int reads = 0;
        while (position + scratch.capacity() <= FILE_BYTES) {
            assertThat(window.read(scratch, position, FILE_BYTES)).isTrue();
            assertThat(bytes(scratch)).isEqualTo(expected(position, scratch.capacity()));
            // Mostly small steps (served by the window), sometimes one wider than half a window.
            position += random.nextInt(10) == 0 ? HeaderWindow.WINDOW_BYTES : 61 + random.nextInt(400);
            reads++;
        }
        assertThat(reads).isGreaterThan(20);
    }

    @Test
    void headerCrossingTheWindowEndIsReadWhole() throws IOException {
        HeaderWindow window = new HeaderWindow(channel);
        ByteBuffer scratch = ByteBuffer.allocate(LogSegment.HEADER_PREFIX);
        assertThat(window.read(scratch, 0, FILE_BYTES)).isTrue();
        assertThat(window.read(scratch, 100, FILE_BYTES)).isTrue(); // fills the window from 100
        long straddling = 100 + HeaderWindow.WINDOW_BYTES - 5;
        assertThat(window.read(scratch, straddling - 2_000, FILE_BYTES)).isTrue();
        assertThat(window.read(scratch, straddling, FILE_BYTES)).isTrue();
        assertThat(bytes(scratch)).isEqualTo(expected(straddling, scratch.capacity()));
    }

    @Test
    void falseWhenFewerBytesThanAHeaderRemainBelowTheLimit() throws IOException {
        HeaderWindow window = new HeaderWindow(channel);
        ByteBuffer scratch = ByteBuffer.allocate(LogSegment.HEADER_PREFIX);
        int limit = 1_000;
        assertThat(window.read(scratch, 0, limit)).isTrue();
        assertThat(window.read(scratch, limit - scratch.capacity(), limit)).isTrue();
        assertThat(window.read(scratch, limit - scratch.capacity() + 1, limit)).isFalse();
    }

    private byte[] expected(long position, int length) {
        byte[] out = new byte[length];
        System.arraycopy(content, (int) position, out, 0, length);
        return out;
    }

    private static byte[] bytes(ByteBuffer scratch) {
        byte[] out = new byte[scratch.capacity()];
        scratch.get(0, out);
        return out;
    }
}
