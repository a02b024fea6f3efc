package io.streambus.storage.producer;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The bytes of a producer-state snapshot file ({@code <20-digit offset>.snapshot}): the state of every
 * producer after all batches below the offset in the file name.
 *
 * <p>Byte layout, version 1 (big-endian):
 * <pre>
 *  0  int16  version            1
 *  2  int32  crc                CRC32C of bytes 6..end
 *  6  int32  entryCount
 * 10  entries, each:
 *       int64  producerId
 *       int16  producerEpoch
 *       int64  lastTimestampMs       max timestamp of the last batch, -1 if none
 *       int64  currentTxnFirstOffset -1 when no transaction is open
 *       int8   batchCount            0..5, then that many batches, oldest first:
 *              int32 firstSeq, int32 lastSeq, int64 firstOffset, int64 lastOffset, int64 maxTimestamp
 * </pre>
 * The file ends after the last entry; any other length is corrupt.
 *
 * <p>Stateless; safe from any thread.
 */
public final class ProducerSnapshotFormat {

    public static final short VERSION = 1;
    private static final int HEADER_BYTES = 10;
    private static final int CRC_FROM = 6;
    private static final int ENTRY_BYTES = 8 + 2 + 8 + 8 + 1;
    private static final int BATCH_BYTES = 4 + 4 + 8 + 8 + 8;

    private ProducerSnapshotFormat() {
    }

    /** Serialises the entries into a new buffer, ready to read (position 0). */
    public static ByteBuffer encode(Collection<ProducerStateEntry> entries) {
        int size = HEADER_BYTES;
        for (ProducerStateEntry entry : entries) {
            size += ENTRY_BYTES + entry.batchCount() * BATCH_BYTES;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putShort(VERSION).putInt(0).putInt(entries.size());
        for (ProducerStateEntry entry : entries) {
            buffer.putLong(entry.producerId()).putShort(entry.producerEpoch()).putLong(entry.lastTimestampMs())
                    .putLong(entry.currentTxnFirstOffset()).put((byte) entry.batchCount());
            for (int slot = 0; slot < entry.batchCount(); slot++) {
                buffer.putInt(entry.firstSeq(slot)).putInt(entry.lastSeq(slot)).putLong(entry.firstOffset(slot))
                        .putLong(entry.lastOffset(slot)).putLong(entry.maxTimestamp(slot));
            }
        }
        buffer.putInt(2, crc(buffer, size));
        return buffer.flip();
    }

    /** Parses a whole snapshot file's bytes (position to limit). */
    public static List<ProducerStateEntry> decode(ByteBuffer bytes) {
        ByteBuffer buffer = bytes.slice();
        if (buffer.remaining() < HEADER_BYTES) {
            throw new CorruptSnapshotException("snapshot of " + buffer.remaining() + " bytes is too short");
        }
        short version = buffer.getShort(0);
        if (version != VERSION) {
            throw new CorruptSnapshotException("unknown snapshot version " + version);
        }
        int stored = buffer.getInt(2);
        int computed = crc(buffer, buffer.limit());
        if (stored != computed) {
            throw new CorruptSnapshotException("snapshot CRC mismatch: stored " + Integer.toUnsignedString(stored)
                    + ", computed " + Integer.toUnsignedString(computed));
        }
        int count = buffer.getInt(6);
        if (count < 0 || (long) count * ENTRY_BYTES > buffer.remaining()) {
            throw new CorruptSnapshotException("snapshot claims " + count + " entries");
        }
        buffer.position(HEADER_BYTES);
        List<ProducerStateEntry> entries = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                entries.add(readEntry(buffer));
            }
        } catch (BufferUnderflowException e) {
            throw new CorruptSnapshotException("snapshot ends inside entry " + entries.size() + " of " + count);
        }
        if (buffer.hasRemaining()) {
            throw new CorruptSnapshotException(buffer.remaining() + " bytes after the last snapshot entry");
        }
        return entries;
    }

    private static ProducerStateEntry readEntry(ByteBuffer buffer) {
        ProducerStateEntry entry = new ProducerStateEntry(buffer.getLong(), buffer.getShort());
        long lastTimestampMs = buffer.getLong();
        entry.currentTxnFirstOffset(buffer.getLong());
        int batches = buffer.get();
        if (batches < 0 || batches > ProducerStateEntry.BATCHES_TO_RETAIN) {
            throw new CorruptSnapshotException("snapshot entry of producer " + entry.producerId() + " has "
                    + batches + " batches");
        }
        for (int j = 0; j < batches; j++) {
            entry.addBatch(buffer.getInt(), buffer.getInt(), buffer.getLong(), buffer.getLong(), buffer.getLong());
        }
        entry.lastTimestampMs(lastTimestampMs);
        return entry;
    }

    private static int crc(ByteBuffer buffer, int end) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(CRC_FROM).limit(end));
        return (int) crc.getValue();
    }
}
