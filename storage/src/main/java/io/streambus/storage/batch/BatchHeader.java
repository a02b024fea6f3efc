package io.streambus.storage.batch;

import java.nio.ByteBuffer;

/**
 * Flyweight over the header of one Kafka v2 record batch inside a {@link ByteBuffer}: reads and
 * writes the fields at fixed positions, without allocating per batch. {@link #wrap} moves it to
 * another batch.
 *
 * <p>Byte layout (big-endian; offsets from the start of the batch):
 * <pre>
 *  0  int64  baseOffset            (broker-owned, outside the CRC)
 *  8  int32  batchLength           bytes after this field: the batch is 12 + batchLength bytes
 * 12  int32  partitionLeaderEpoch  (broker-owned, outside the CRC)
 * 16  int8   magic                 2
 * 17  uint32 crc                   CRC32C of bytes 21..end
 * 21  int16  attributes            bits 0-2 compression, 3 timestamp type (1 = LogAppendTime),
 *                                  4 transactional, 5 control, 6 delete horizon
 * 23  int32  lastOffsetDelta
 * 27  int64  baseTimestamp
 * 35  int64  maxTimestamp
 * 43  int64  producerId
 * 51  int16  producerEpoch
 * 53  int32  baseSequence
 * 57  int32  recordCount
 * 61  ...    records (compressed as a whole when the compression bits are set)
 * </pre>
 *
 * <p>Not thread-safe: one flyweight per thread.
 */
public final class BatchHeader {

    public static final int BASE_OFFSET = 0;
    public static final int BATCH_LENGTH = 8;
    /** Bytes before the part counted by batchLength: baseOffset and batchLength. */
    public static final int LOG_OVERHEAD = 12;
    public static final int PARTITION_LEADER_EPOCH = 12;
    public static final int MAGIC = 16;
    public static final int CRC = 17;
    public static final int ATTRIBUTES = 21;
    public static final int LAST_OFFSET_DELTA = 23;
    public static final int BASE_TIMESTAMP = 27;
    public static final int MAX_TIMESTAMP = 35;
    public static final int PRODUCER_ID = 43;
    public static final int PRODUCER_EPOCH = 51;
    public static final int BASE_SEQUENCE = 53;
    public static final int RECORD_COUNT = 57;
    public static final int HEADER_SIZE = 61;

    public static final byte CURRENT_MAGIC = 2;
    public static final int COMPRESSION_MASK = 0x07;
    public static final int TIMESTAMP_TYPE_MASK = 0x08;
    public static final int TRANSACTIONAL_MASK = 0x10;
    public static final int CONTROL_MASK = 0x20;
    /** Control record types (the key's second int16): what a transaction marker says. */
    public static final short CONTROL_ABORT = 0;
    public static final short CONTROL_COMMIT = 1;
    /** Bytes enough for a control batch's header plus its one record's key (the marker type). */
    public static final int CONTROL_PREFIX_SIZE = HEADER_SIZE + 32;

    private ByteBuffer buffer;
    private int start;

    /** Points the flyweight at the batch starting at absolute index {@code start} of {@code buffer}. */
    public BatchHeader wrap(ByteBuffer buffer, int start) {
        this.buffer = buffer;
        this.start = start;
        return this;
    }

    public int start() {
        return start;
    }

    public long baseOffset() {
        return buffer.getLong(start + BASE_OFFSET);
    }

    public void baseOffset(long value) {
        buffer.putLong(start + BASE_OFFSET, value);
    }

    public int batchLength() {
        return buffer.getInt(start + BATCH_LENGTH);
    }

    /** The whole batch, header included. */
    public int sizeInBytes() {
        return LOG_OVERHEAD + batchLength();
    }

    public int partitionLeaderEpoch() {
        return buffer.getInt(start + PARTITION_LEADER_EPOCH);
    }

    public void partitionLeaderEpoch(int value) {
        buffer.putInt(start + PARTITION_LEADER_EPOCH, value);
    }

    public byte magic() {
        return buffer.get(start + MAGIC);
    }

    public int crc() {
        return buffer.getInt(start + CRC);
    }

    public void crc(int value) {
        buffer.putInt(start + CRC, value);
    }

    public short attributes() {
        return buffer.getShort(start + ATTRIBUTES);
    }

    public void attributes(short value) {
        buffer.putShort(start + ATTRIBUTES, value);
    }

    public boolean isCompressed() {
        return (attributes() & COMPRESSION_MASK) != 0;
    }

    public boolean isLogAppendTime() {
        return (attributes() & TIMESTAMP_TYPE_MASK) != 0;
    }

    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_MASK) != 0;
    }

    public boolean isControl() {
        return (attributes() & CONTROL_MASK) != 0;
    }

    /**
     * The type of a control batch's first record ({@link #CONTROL_ABORT}, {@link #CONTROL_COMMIT}), read
     * from its key (int16 version, int16 type) right after the header, or -1 if the buffer does not hold it.
     * Control batches are never compressed. Record layout: varint length, int8 attributes, varlong
     * timestampDelta, varint offsetDelta, varint keyLength, key.
     */
    public short controlType() {
        int limit = Math.min(buffer.limit(), start + sizeInBytes());
        Varints varints = new Varints();
        try {
            varints.readVarint(buffer, start + HEADER_SIZE, limit);
            varints.readVarlong(buffer, varints.next + 1, limit);
            varints.readVarint(buffer, varints.next, limit);
            int keyLength = varints.readVarint(buffer, varints.next, limit);
            if (keyLength < 4 || varints.next + 4 > limit) {
                return -1;
            }
            return buffer.getShort(varints.next + 2);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return -1;
        }
    }

    public int lastOffsetDelta() {
        return buffer.getInt(start + LAST_OFFSET_DELTA);
    }

    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    public long baseTimestamp() {
        return buffer.getLong(start + BASE_TIMESTAMP);
    }

    public long maxTimestamp() {
        return buffer.getLong(start + MAX_TIMESTAMP);
    }

    public void maxTimestamp(long value) {
        buffer.putLong(start + MAX_TIMESTAMP, value);
    }

    public long producerId() {
        return buffer.getLong(start + PRODUCER_ID);
    }

    public short producerEpoch() {
        return buffer.getShort(start + PRODUCER_EPOCH);
    }

    public int baseSequence() {
        return buffer.getInt(start + BASE_SEQUENCE);
    }

    public int recordCount() {
        return buffer.getInt(start + RECORD_COUNT);
    }
}
