package io.streambus.storage.checkpoint;

import io.streambus.storage.LogId;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A per-data-directory file of one offset per partition, in Kafka's text format, so Kafka's tools and
 * operators read it as they know it:
 * <pre>
 * 0                      version
 * 2                      number of entries
 * orders 0 1234          topic, partition, offset, separated by one space
 * orders 1 99
 * </pre>
 * Written atomically: a temp file is written and fsynced, renamed over the old file, then the
 * directory is fsynced so the rename itself survives a crash.
 *
 * <p>Threading: not thread-safe; {@link io.streambus.storage.LogManager} writes under its checkpoint lock.
 */
public final class OffsetCheckpointFile {

    public static final int VERSION = 0;

    private final Path file;

    public OffsetCheckpointFile(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public void write(Map<LogId, Long> offsets) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             Writer writer = new OutputStreamWriter(Channels.newOutputStream(channel),
                     StandardCharsets.UTF_8)) {
            StringBuilder text = new StringBuilder(32 + offsets.size() * 32);
            text.append(VERSION).append('\n').append(offsets.size()).append('\n');
            for (Map.Entry<LogId, Long> entry : new TreeMap<>(offsets).entrySet()) {
                text.append(entry.getKey().topic()).append(' ').append(entry.getKey().partition()).append(' ')
                        .append(entry.getValue()).append('\n');
            }
            writer.write(text.toString());
            writer.flush();
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        fsyncDirectory(file.getParent());
    }

    /**
     * Reads the file; an absent file is empty.
     *
     * @throws CorruptCheckpointException if the file is not in the expected format
     */
    public Map<LogId, Long> read() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        try {
            if (lines.size() < 2 || Integer.parseInt(lines.get(0).trim()) != VERSION) {
                throw new CorruptCheckpointException(file + ": missing or unknown version line");
            }
            int count = Integer.parseInt(lines.get(1).trim());
            if (lines.size() != count + 2) {
                throw new CorruptCheckpointException(file + ": expected " + count + " entries, found "
                        + (lines.size() - 2));
            }
            Map<LogId, Long> offsets = new TreeMap<>();
            for (int i = 2; i < lines.size(); i++) {
                String[] parts = lines.get(i).split(" ");
                if (parts.length != 3) {
                    throw new CorruptCheckpointException(file + ": malformed line " + (i + 1) + ": " + lines.get(i));
                }
                offsets.put(new LogId(parts[0], Integer.parseInt(parts[1])), Long.parseLong(parts[2]));
            }
            return offsets;
        } catch (IllegalArgumentException e) {
            throw new CorruptCheckpointException(file + ": " + e.getMessage());
        }
    }

    /** Forces a directory's entries (a rename, a new file) to disk. */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
