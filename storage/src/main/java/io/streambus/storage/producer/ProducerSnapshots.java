package io.streambus.storage.producer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The producer-state snapshot files of one log directory, named as Kafka names them:
 * {@code <offset as 20 digits>.snapshot} (format in {@link ProducerSnapshotFormat}). A snapshot is
 * written to a temporary file, fsynced, then renamed, so a crash leaves either no snapshot or a whole
 * one; leftover {@code .tmp} files are removed when the log is opened.
 *
 * <p>Stateless apart from the directory: the file system is the list. Callers serialise changes (the
 * log's lock), except {@link #writeTemp}, which may run on a flusher thread.
 */
public final class ProducerSnapshots {

    public static final String SUFFIX = ".snapshot";
    /** How many snapshots are kept after a new one is written. */
    public static final int RETAINED = 2;

    private final Path dir;

    public ProducerSnapshots(Path dir) {
        this.dir = dir;
    }

    public Path file(long offset) {
        String digits = Long.toString(offset);
        return dir.resolve("0".repeat(20 - digits.length()) + digits + SUFFIX);
    }

    /** Offsets of the snapshot files present, ascending. */
    public NavigableSet<Long> offsets() throws IOException {
        TreeSet<Long> offsets = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                long offset = parseOffset(file.getFileName().toString());
                if (offset >= 0) {
                    offsets.add(offset);
                }
            }
        }
        return offsets;
    }

    /** Writes and fsyncs the bytes to a new temporary file in the directory; {@link #publish} it next. */
    public Path writeTemp(long offset, ByteBuffer bytes) throws IOException {
        Path temp = Files.createTempFile(dir, file(offset).getFileName().toString(), ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ByteBuffer data = bytes.duplicate();
            while (data.hasRemaining()) {
                channel.write(data);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    /**
     * Renames a temporary file to the snapshot of {@code offset}, then prunes to the newest {@link #RETAINED}.
     * Call {@link #syncDirectory} after to make the rename durable (it may wait on the disk).
     */
    public void publish(Path temp, long offset) throws IOException {
        try {
            Files.move(temp, file(offset), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file(offset), StandardCopyOption.REPLACE_EXISTING);
        }
        NavigableSet<Long> offsets = offsets();
        while (offsets.size() > RETAINED) {
            Files.deleteIfExists(file(offsets.pollFirst()));
        }
    }

    /** Writes the snapshot of {@code offset} now, on the caller. */
    public void write(long offset, ByteBuffer bytes) throws IOException {
        publish(writeTemp(offset, bytes), offset);
        syncDirectory();
    }

    /** Reads and parses one snapshot. */
    public List<ProducerStateEntry> read(long offset) throws IOException {
        try {
            return ProducerSnapshotFormat.decode(ByteBuffer.wrap(Files.readAllBytes(file(offset))));
        } catch (NoSuchFileException e) {
            throw new CorruptSnapshotException("snapshot " + file(offset).getFileName() + " is gone");
        }
    }

    /** Deletes snapshots whose offset is above {@code offset} (after truncation they describe removed batches). */
    public void deleteAbove(long offset) throws IOException {
        for (long snapshot : offsets().tailSet(offset, false)) {
            Files.deleteIfExists(file(snapshot));
        }
    }

    /** Deletes snapshots below {@code offset}, except the newest one. */
    public void deleteBelow(long offset) throws IOException {
        NavigableSet<Long> offsets = offsets();
        Long newest = offsets.isEmpty() ? null : offsets.last();
        for (long snapshot : offsets.headSet(offset, false)) {
            if (newest == null || snapshot != newest) {
                Files.deleteIfExists(file(snapshot));
            }
        }
    }

    public void delete(long offset) throws IOException {
        Files.deleteIfExists(file(offset));
    }

    public void deleteAll() throws IOException {
        for (long snapshot : offsets()) {
            Files.deleteIfExists(file(snapshot));
        }
    }

    /** Fsyncs the directory, so renames and deletions in it survive a crash. */
    public void syncDirectory() {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot fsync a directory; the rename is then as durable as they make it.
        }
    }

    static long parseOffset(String name) {
        if (!name.endsWith(SUFFIX) || name.length() != 20 + SUFFIX.length()) {
            return -1;
        }
        for (int i = 0; i < 20; i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(name, 0, 20, 10);
    }
}
