package io.streambus.metadata.record;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * Binary encoding of {@link MetadataRecord}s. Big-endian throughout. Every record is
 *
 * <pre>
 *   typeId   int16   {@link MetadataRecordType#id()}
 *   version  int16   version of the field layout that follows
 *   fields   ...     per type, below
 * </pre>
 *
 * Field encodings: {@code string} = int16 byte length (-1 for null) + UTF-8 bytes;
 * {@code uuid} = two int64 (most, least significant bits); {@code int32[]} = int32 count + int32s
 * (count -1 for null); {@code tristate} = int8, -1 unchanged (null), 0 false, 1 true. Version 0 layouts:
 *
 * <pre>
 *   REGISTER_BROKER   brokerId int32, incarnation uuid, endpointCount int32,
 *                     endpoints (listener string, host string, port int32)*, rack string
 *   TOPIC             name string, topicId uuid
 *   PARTITION         topicId uuid, partition int32, replicas int32[], isr int32[],
 *                     leader int32, leaderEpoch int32, partitionEpoch int32
 *   PARTITION_CHANGE  topicId uuid, partition int32, leader int32 (-2 = unchanged),
 *                     isr int32[] (null = unchanged), replicas int32[] (null = unchanged)
 *   REMOVE_TOPIC      topicId uuid
 *   CONFIG            resourceType int8, resourceName string, key string, value string (null = delete)
 *   PRODUCER_IDS      brokerId int32, nextProducerId int64
 *   BROKER_REGISTRATION_CHANGE  brokerId int32, brokerEpoch int64, fenced tristate,
 *                     inControlledShutdown tristate
 *   UNREGISTER_BROKER brokerId int32, brokerEpoch int64
 * </pre>
 *
 * Version 1 of REGISTER_BROKER appends {@code brokerEpoch int64, fenced int8, inControlledShutdown int8} to the
 * version 0 fields; version 0 reads as epoch 0, unfenced, not shutting down.
 *
 * Stateless and thread-safe.
 */
public final class MetadataRecordSerde {

    private MetadataRecordSerde() {
    }

    /** Exact number of bytes {@link #write} produces for this record. */
    public static int sizeInBytes(MetadataRecord record) {
        int size = 4;
        switch (record) {
            case RegisterBrokerRecord r -> {
                size += 4 + 16 + 4 + stringSize(r.rack()) + 8 + 1 + 1;
                for (BrokerEndpoint e : r.endpoints()) {
                    size += stringSize(e.listener()) + stringSize(e.host()) + 4;
                }
            }
            case TopicRecord r -> size += stringSize(r.name()) + 16;
            case PartitionRecord r -> size += 16 + 4 + intsSize(r.replicas()) + intsSize(r.isr()) + 12;
            case PartitionChangeRecord r -> size += 16 + 4 + 4 + intsSize(r.isr()) + intsSize(r.replicas());
            case RemoveTopicRecord r -> size += 16;
            case ConfigRecord r -> size += 1 + stringSize(r.resourceName()) + stringSize(r.key())
                    + stringSize(r.value());
            case ProducerIdsRecord r -> size += 4 + 8;
            case BrokerRegistrationChangeRecord r -> size += 4 + 8 + 1 + 1;
            case UnregisterBrokerRecord r -> size += 4 + 8;
        }
        return size;
    }

    /** Writes the record at the buffer's position, advancing it by {@link #sizeInBytes}. */
    public static void write(MetadataRecord record, ByteBuffer buf) {
        buf.putShort(record.type().id());
        buf.putShort(record.type().currentVersion());
        switch (record) {
            case RegisterBrokerRecord r -> {
                buf.putInt(r.brokerId());
                writeUuid(buf, r.incarnation());
                buf.putInt(r.endpoints().size());
                for (BrokerEndpoint e : r.endpoints()) {
                    writeString(buf, e.listener());
                    writeString(buf, e.host());
                    buf.putInt(e.port());
                }
                writeString(buf, r.rack());
                buf.putLong(r.brokerEpoch());
                buf.put((byte) (r.fenced() ? 1 : 0));
                buf.put((byte) (r.inControlledShutdown() ? 1 : 0));
            }
            case TopicRecord r -> {
                writeString(buf, r.name());
                writeUuid(buf, r.topicId());
            }
            case PartitionRecord r -> {
                writeUuid(buf, r.topicId());
                buf.putInt(r.partition());
                writeInts(buf, r.replicas());
                writeInts(buf, r.isr());
                buf.putInt(r.leader());
                buf.putInt(r.leaderEpoch());
                buf.putInt(r.partitionEpoch());
            }
            case PartitionChangeRecord r -> {
                writeUuid(buf, r.topicId());
                buf.putInt(r.partition());
                buf.putInt(r.leader());
                writeInts(buf, r.isr());
                writeInts(buf, r.replicas());
            }
            case RemoveTopicRecord r -> writeUuid(buf, r.topicId());
            case ConfigRecord r -> {
                buf.put(r.resourceType().id());
                writeString(buf, r.resourceName());
                writeString(buf, r.key());
                writeString(buf, r.value());
            }
            case ProducerIdsRecord r -> {
                buf.putInt(r.brokerId());
                buf.putLong(r.nextProducerId());
            }
            case BrokerRegistrationChangeRecord r -> {
                buf.putInt(r.brokerId());
                buf.putLong(r.brokerEpoch());
                writeTristate(buf, r.fenced());
                writeTristate(buf, r.inControlledShutdown());
            }
            case UnregisterBrokerRecord r -> {
                buf.putInt(r.brokerId());
                buf.putLong(r.brokerEpoch());
            }
        }
    }

    /** Encodes one record into a new heap buffer, flipped for reading. */
    public static ByteBuffer serialize(MetadataRecord record) {
        ByteBuffer buf = ByteBuffer.allocate(sizeInBytes(record));
        write(record, buf);
        return buf.flip();
    }

    /**
     * Reads one record from the buffer's position, advancing it.
     *
     * @throws MetadataSerdeException on an unknown type or version, or truncated or invalid bytes
     */
    public static MetadataRecord read(ByteBuffer buf) {
        try {
            MetadataRecordType type = MetadataRecordType.fromId(buf.getShort());
            short version = buf.getShort();
            if (version < 0 || version > type.currentVersion()) {
                throw new MetadataSerdeException("unsupported version " + version + " of metadata record " + type);
            }
            return switch (type) {
                case REGISTER_BROKER -> {
                    int brokerId = buf.getInt();
                    Uuid incarnation = readUuid(buf);
                    int count = readCount(buf);
                    List<BrokerEndpoint> endpoints = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        endpoints.add(new BrokerEndpoint(readString(buf), readString(buf), buf.getInt()));
                    }
                    String rack = readString(buf);
                    if (version == 0) {
                        yield new RegisterBrokerRecord(brokerId, incarnation, endpoints, rack);
                    }
                    yield new RegisterBrokerRecord(brokerId, incarnation, buf.getLong(), endpoints, rack,
                            readBoolean(buf), readBoolean(buf));
                }
                case TOPIC -> new TopicRecord(readString(buf), readUuid(buf));
                case PARTITION -> new PartitionRecord(readUuid(buf), buf.getInt(), readInts(buf), readInts(buf),
                        buf.getInt(), buf.getInt(), buf.getInt());
                case PARTITION_CHANGE -> new PartitionChangeRecord(readUuid(buf), buf.getInt(), buf.getInt(),
                        readInts(buf), readInts(buf));
                case REMOVE_TOPIC -> new RemoveTopicRecord(readUuid(buf));
                case CONFIG -> new ConfigRecord(ConfigResourceType.fromId(buf.get()), readString(buf),
                        readString(buf), readString(buf));
                case PRODUCER_IDS -> new ProducerIdsRecord(buf.getInt(), buf.getLong());
                case BROKER_REGISTRATION_CHANGE -> new BrokerRegistrationChangeRecord(buf.getInt(), buf.getLong(),
                        readTristate(buf), readTristate(buf));
                case UNREGISTER_BROKER -> new UnregisterBrokerRecord(buf.getInt(), buf.getLong());
            };
        } catch (BufferUnderflowException e) {
            throw new MetadataSerdeException("truncated metadata record", e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MetadataSerdeException("invalid metadata record: " + e.getMessage(), e);
        }
    }

    private static void writeTristate(ByteBuffer buf, Boolean value) {
        buf.put((byte) (value == null ? -1 : value ? 1 : 0));
    }

    private static Boolean readTristate(ByteBuffer buf) {
        byte value = buf.get();
        return switch (value) {
            case -1 -> null;
            case 0 -> Boolean.FALSE;
            case 1 -> Boolean.TRUE;
            default -> throw new MetadataSerdeException("invalid tristate " + value);
        };
    }

    private static boolean readBoolean(ByteBuffer buf) {
        byte value = buf.get();
        if (value != 0 && value != 1) {
            throw new MetadataSerdeException("invalid boolean " + value);
        }
        return value == 1;
    }

    private static int stringSize(String s) {
        return 2 + (s == null ? 0 : utf8Length(s));
    }

    private static int utf8Length(String s) {
        // Exact UTF-8 length without allocating; surrogate pairs count 4 bytes.
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    private static int intsSize(List<Integer> ints) {
        return 4 + (ints == null ? 0 : 4 * ints.size());
    }

    private static void writeString(ByteBuffer buf, String s) {
        if (s == null) {
            buf.putShort((short) -1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("string too long for a metadata record: " + bytes.length + " bytes");
        }
        buf.putShort((short) bytes.length);
        buf.put(bytes);
    }

    private static String readString(ByteBuffer buf) {
        short length = buf.getShort();
        if (length < 0) {
            return null;
        }
        if (length > buf.remaining()) {
            throw new BufferUnderflowException();
        }
        if (buf.hasArray()) {
            String s = new String(buf.array(), buf.arrayOffset() + buf.position(), length, StandardCharsets.UTF_8);
            buf.position(buf.position() + length);
            return s;
        }
        byte[] bytes = new byte[length];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void writeUuid(ByteBuffer buf, Uuid uuid) {
        buf.putLong(uuid.getMostSignificantBits());
        buf.putLong(uuid.getLeastSignificantBits());
    }

    private static Uuid readUuid(ByteBuffer buf) {
        return new Uuid(buf.getLong(), buf.getLong());
    }

    private static void writeInts(ByteBuffer buf, List<Integer> ints) {
        if (ints == null) {
            buf.putInt(-1);
            return;
        }
        buf.putInt(ints.size());
        for (int value : ints) {
            buf.putInt(value);
        }
    }

    private static List<Integer> readInts(ByteBuffer buf) {
        int count = buf.getInt();
        if (count < 0) {
            return null;
        }
        if (count > buf.remaining() / 4) {
            throw new MetadataSerdeException("int array of " + count + " entries exceeds the record");
        }
        Integer[] values = new Integer[count];
        for (int i = 0; i < count; i++) {
            values[i] = buf.getInt();
        }
        return List.of(values);
    }

    private static int readCount(ByteBuffer buf) {
        int count = buf.getInt();
        if (count < 0 || count > buf.remaining()) {
            throw new MetadataSerdeException("invalid element count " + count);
        }
        return count;
    }
}
