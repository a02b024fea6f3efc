package io.streambus.storage.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.storage.LogId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetCheckpointFileTest {

    @TempDir
    Path dir;

    @Test
    void writesKafkasTextFormatAndReadsItBack() throws IOException {
        OffsetCheckpointFile file = new OffsetCheckpointFile(dir.resolve("recovery-point-offset-checkpoint"));
        assertThat(file.read()).isEmpty();
        file.write(Map.of(new LogId("my-topic", 1), 42L, new LogId("a", 0), 7L));
        assertThat(Files.readString(file.file())).isEqualTo("0\n2\na 0 7\nmy-topic 1 42\n");
        assertThat(file.read()).containsExactlyInAnyOrderEntriesOf(Map.of(new LogId("my-topic", 1), 42L, new LogId("a", 0), 7L));
        file.write(Map.of());
        assertThat(file.read()).isEmpty();
        assertThat(Files.exists(dir.resolve("recovery-point-offset-checkpoint.tmp"))).isFalse();
    }

    @Test
    void rejectsMalformedFiles() throws IOException {
        OffsetCheckpointFile file = new OffsetCheckpointFile(dir.resolve("cp"));
        for (String text : new String[] {"", "1\n0\n", "0\n2\na 0 1\n", "0\n1\na 0\n", "0\n1\na x 1\n"}) {
            Files.writeString(file.file(), text);
            assertThatThrownBy(file::read).as(text).isInstanceOf(CorruptCheckpointException.class);
        }
    }
}
