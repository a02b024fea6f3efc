package io.streambus.broker.coordinator.transaction;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of {@code __transaction_state}: key = the transactional id, value = its
 * {@link TransactionValue} (null value = tombstone: the id expired). Compaction keeps the latest per id.
 *
 * <p>Layout (big-endian; strings are int16 length + UTF-8 bytes):
 * <pre>
 * key:   int16 version (0) | string transactionalId
 * value: int16 version (0) | int64 producerId | int64 lastProducerId | int16 producerEpoch
 *        | int16 lastProducerEpoch | int32 timeoutMs | int8 state ({@link TransactionState#id()})
 *        | int64 txnStartTimestampMs | int64 lastUpdateTimestampMs
 *        | int32 partitionCount | partitionCount × (string topic | int32 partition)
 * </pre>
 *
 * <p>Stateless; thread-safe.
 */
public final class TransactionRecordSerde {

    private static final short VERSION = 0;

    private TransactionRecordSerde() {
    }

    /** A value this version cannot read (a newer broker wrote it). */
    public static final class UnknownVersionException extends RuntimeException {
        UnknownVersionException(String message) {
            super(message);
        }
    }

    public static byte[] key(String transactionalId) {
        byte[] id = transactionalId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + id.length).putShort(VERSION).putShort((short) id.length).put(id).array();
    }

    public static byte[] value(TransactionValue value) {
        if (value == null) {
            return null;
        }
        int size = 2 + 8 + 8 + 2 + 2 + 4 + 1 + 8 + 8 + 4;
        for (TopicPartition tp : value.partitions()) {
            size += 2 + tp.topic().getBytes(StandardCharsets.UTF_8).length + 4;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putShort(VERSION).putLong(value.producerId()).putLong(value.lastProducerId())
                .putShort(value.producerEpoch()).putShort(value.lastProducerEpoch()).putInt(value.timeoutMs())
                .put(value.state().id()).putLong(value.txnStartTimestampMs()).putLong(value.lastUpdateTimestampMs())
                .putInt(value.partitions().size());
        for (TopicPartition tp : value.partitions()) {
            putString(buffer, tp.topic());
            buffer.putInt(tp.partition());
        }
        return buffer.array();
    }

    public static String readKey(ByteBuffer key) {
        ByteBuffer buffer = key.duplicate();
        short version = buffer.getShort();
        if (version != VERSION) {
            throw new UnknownVersionException("transaction state key version " + version);
        }
        return getString(buffer);
    }

    public static TransactionValue readValue(ByteBuffer value) {
        if (value == null) {
            return null;
        }
        ByteBuffer buffer = value.duplicate();
        short version = buffer.getShort();
        if (version != VERSION) {
            throw new UnknownVersionException("transaction state value version " + version);
        }
        long producerId = buffer.getLong();
        long lastProducerId = buffer.getLong();
        short epoch = buffer.getShort();
        short lastEpoch = buffer.getShort();
        int timeoutMs = buffer.getInt();
        TransactionState state = TransactionState.fromId(buffer.get());
        long startMs = buffer.getLong();
        long updateMs = buffer.getLong();
        int count = buffer.getInt();
        Set<TopicPartition> partitions = new HashSet<>(Math.max(4, count * 2));
        for (int i = 0; i < count; i++) {
            partitions.add(new TopicPartition(getString(buffer), buffer.getInt()));
        }
        return new TransactionValue(producerId, lastProducerId, epoch, lastEpoch, timeoutMs, state, partitions,
                startMs, updateMs);
    }

    private static void putString(ByteBuffer buffer, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        buffer.putShort((short) bytes.length).put(bytes);
    }

    private static String getString(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.getShort()];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
