package io.streambus.metadata.log;

import io.streambus.metadata.record.MetadataRecord;
import io.streambus.metadata.record.MetadataRecordSerde;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A metadata snapshot file, named {@code snapshot-<lastOffset, 20 digits>}:
 *
 * <pre>
 *   magic        int32   0x53424D53 ("SBMS")
 *   version      int16   0
 *   lastOffset   int64   offset of the last record the snapshot covers
 *   recordCount  int32
 *   records      (recordSize int32, record bytes as {@link MetadataRecordSerde})*
 *   crc          int32   CRC32C of every byte before it
 * </pre>
 *
 * Written atomically: to {@code <name>.tmp}, fsync, rename, fsync of the directory. Stateless.
 * The Raft log's state machine stores its snapshots in this format too, under Ratis' own names.
 */
public final class SnapshotFile {

    static final String PREFIX = "snapshot-";
    static final String TMP_SUFFIX = ".tmp";
    private static final int MAGIC = 0x53424D53;
    private static final short VERSION = 0;

    private SnapshotFile() {
    }

    static Path path(Path dir, long lastOffset) {
        return dir.resolve(PREFIX + String.format("%020d", lastOffset));
    }

    /** The offset in a snapshot file name, or -1 if the name is not a (finished) snapshot's. */
    static long offsetOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith(PREFIX) || name.endsWith(TMP_SUFFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static Path write(Path dir, MetadataSnapshot snapshot) throws IOException {
        Path target = path(dir, snapshot.lastOffset());
        writeAtomically(target, snapshot);
        return target;
    }

    /** Writes the snapshot to {@code target} atomically (through {@code <target>.tmp}). */
    public static void writeAtomically(Path target, MetadataSnapshot snapshot) throws IOException {
        int size = 4 + 2 + 8 + 4 + 4;
        for (MetadataRecord record : snapshot.records()) {
            size += 4 + MetadataRecordSerde.sizeInBytes(record);
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putInt(MAGIC).putShort(VERSION).putLong(snapshot.lastOffset()).putInt(snapshot.records().size());
        for (MetadataRecord record : snapshot.records()) {
            buf.putInt(MetadataRecordSerde.sizeInBytes(record));
            MetadataRecordSerde.write(record, buf);
        }
        buf.putInt(crc(buf, buf.position()));
        buf.flip();

        Path tmp = target.resolveSibling(target.getFileName() + TMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(target.getParent());
    }

    /** Reads and verifies a snapshot file; throws {@link MetadataLogException} if it is invalid. */
    public static MetadataSnapshot read(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file));
        try {
            if (buf.remaining() < 22 || buf.getInt() != MAGIC) {
                throw new MetadataLogException("not a metadata snapshot: " + file);
            }
            short version = buf.getShort();
            if (version != VERSION) {
                throw new MetadataLogException("unsupported snapshot version " + version + ": " + file);
            }
            int crcAt = buf.limit() - 4;
            if (buf.getInt(crcAt) != crc(buf, crcAt)) {
                throw new MetadataLogException("snapshot CRC mismatch: " + file);
            }
            long lastOffset = buf.getLong();
            int count = buf.getInt();
            List<MetadataRecord> records = new ArrayList<>(Math.min(count, 1 << 16));
            for (int i = 0; i < count; i++) {
                int recordSize = buf.getInt();
                records.add(MetadataRecordSerde.read(buf.slice(buf.position(), recordSize)));
                buf.position(buf.position() + recordSize);
            }
            return new MetadataSnapshot(lastOffset, records);
        } catch (RuntimeException e) {
            if (e instanceof MetadataLogException mle) {
                throw mle;
            }
            throw new MetadataLogException("invalid metadata snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static int crc(ByteBuffer buf, int end) {
        CRC32C crc = new CRC32C();
        crc.update(buf.slice(0, end));
        return (int) crc.getValue();
    }
}
