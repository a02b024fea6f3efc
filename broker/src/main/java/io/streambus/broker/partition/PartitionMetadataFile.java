package io.streambus.broker.partition;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.apache.kafka.common.Uuid;

/**
 * {@code partition.metadata} in a partition's directory: which topic id the data belongs to, so a
 * topic deleted and re-created under the same name while the broker was down never inherits the old
 * topic's records. Kafka's format:
 * <pre>
 * version: 0
 * topic_id: &lt;base64 uuid&gt;
 * </pre>
 */
final class PartitionMetadataFile {

    static final String NAME = "partition.metadata";

    private PartitionMetadataFile() {
    }

    static Optional<Uuid> read(Path partitionDir) {
        Path file = partitionDir.resolve(NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("topic_id:")) {
                    return Optional.of(Uuid.fromString(line.substring("topic_id:".length()).trim()));
                }
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Writes the file atomically: temp file, fsync, rename. */
    static void write(Path partitionDir, Uuid topicId) {
        Path file = partitionDir.resolve(NAME);
        Path temp = partitionDir.resolve(NAME + ".tmp");
        byte[] content = ("version: 0\ntopic_id: " + topicId + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(content));
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + temp, e);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + temp + " to " + file, e);
        }
    }
}
