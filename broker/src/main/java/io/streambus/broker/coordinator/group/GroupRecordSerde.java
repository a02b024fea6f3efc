package io.streambus.broker.coordinator.group;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * The key/value form of {@link GroupRecord}s in {@code __consumer_offsets}. Our own format (Kafka's
 * server-side classes are not a dependency); all integers big-endian.
 *
 * <pre>
 * string  := int16 length (-1 = null) + UTF-8 bytes
 * bytes   := int32 length + bytes
 *
 * key, offset commit   : int16 type = 0, string groupId, string topic, int32 partition
 * key, group metadata  : int16 type = 1, string groupId
 * key, consumer group  : int16 type = 2, string groupId                      (KIP-848 group)
 * key, consumer member : int16 type = 3, string groupId, string memberId     (KIP-848 member)
 *
 * value, offset commit : int16 version = 0, int64 offset, int32 leaderEpoch, string metadata,
 *                        int64 commitTimestampMs
 * value, group metadata: int16 version = 0, string protocolType, int32 generationId, string protocolName,
 *                        string leaderId, int64 stateTimestampMs, int32 memberCount, then per member:
 *                        string memberId, string groupInstanceId, string clientId, string clientHost,
 *                        int32 rebalanceTimeoutMs, int32 sessionTimeoutMs, bytes subscription, bytes assignment
 * value, consumer group: int16 version = 0, int32 groupEpoch, int32 assignmentEpoch, string assignorName,
 *                        int32 topicCount, then per topic: string name, int32 partitionCount
 * value, consumer member: int16 version = 0, string instanceId, string rackId, string clientId, string clientHost,
 *                        int32 rebalanceTimeoutMs, int32 topicCount + string names, string regex,
 *                        string serverAssignor, int32 memberEpoch, int32 previousMemberEpoch, int8 state,
 *                        then three partition sets (assigned, pending revocation, target), each:
 *                        int32 topicCount, per topic: int64 uuidHigh, int64 uuidLow, int32 count + int32 partitions
 * null value           : tombstone for the key
 * </pre>
 *
 * The key holds exactly what identifies the state it carries, so compaction keeps one record per
 * (group, partition) offset and one per group. Unknown key types or value versions are skipped on
 * load with a warning ({@link UnknownRecordException}), so a newer writer does not stop an older reader.
 */
public final class GroupRecordSerde {

    static final short OFFSET_COMMIT_KEY = 0;
    static final short GROUP_METADATA_KEY = 1;
    static final short CONSUMER_GROUP_KEY = 2;
    static final short CONSUMER_MEMBER_KEY = 3;
    static final short VALUE_VERSION = 0;

    private GroupRecordSerde() {
    }

    public static ByteBuffer key(GroupRecord record) {
        return switch (record) {
            case GroupRecord.OffsetCommit commit -> {
                byte[] group = utf8(commit.groupId());
                byte[] topic = utf8(commit.topicPartition().topic());
                ByteBuffer buffer = ByteBuffer.allocate(2 + 2 + group.length + 2 + topic.length + 4);
                buffer.putShort(OFFSET_COMMIT_KEY);
                putString(buffer, group);
                putString(buffer, topic);
                buffer.putInt(commit.topicPartition().partition());
                yield buffer.flip();
            }
            case GroupRecord.GroupMetadata metadata -> groupKey(GROUP_METADATA_KEY, metadata.groupId());
            case GroupRecord.ConsumerGroupMetadata metadata -> groupKey(CONSUMER_GROUP_KEY, metadata.groupId());
            case GroupRecord.ConsumerGroupMember member -> {
                byte[] group = utf8(member.groupId());
                byte[] memberId = utf8(member.memberId());
                ByteBuffer buffer = ByteBuffer.allocate(2 + 2 + group.length + 2 + memberId.length);
                buffer.putShort(CONSUMER_MEMBER_KEY);
                putString(buffer, group);
                putString(buffer, memberId);
                yield buffer.flip();
            }
        };
    }

    private static ByteBuffer groupKey(short type, String groupId) {
        byte[] group = utf8(groupId);
        ByteBuffer buffer = ByteBuffer.allocate(2 + 2 + group.length);
        buffer.putShort(type);
        putString(buffer, group);
        return buffer.flip();
    }

    /** The value, or null for a tombstone. */
    public static ByteBuffer value(GroupRecord record) {
        return switch (record) {
            case GroupRecord.OffsetCommit commit -> commit.value() == null ? null : offsetValue(commit.value());
            case GroupRecord.GroupMetadata metadata -> metadata.value() == null ? null : groupValue(metadata.value());
            case GroupRecord.ConsumerGroupMetadata metadata ->
                    metadata.value() == null ? null : ConsumerRecordsSerde.groupValue(metadata.value());
            case GroupRecord.ConsumerGroupMember member ->
                    member.value() == null ? null : ConsumerRecordsSerde.memberValue(member.value());
        };
    }

    private static ByteBuffer offsetValue(OffsetAndMetadata value) {
        byte[] metadata = utf8(value.metadata());
        ByteBuffer buffer = ByteBuffer.allocate(2 + 8 + 4 + 2 + metadata.length + 8);
        buffer.putShort(VALUE_VERSION).putLong(value.offset()).putInt(value.leaderEpoch());
        putString(buffer, metadata);
        return buffer.putLong(value.commitTimestampMs()).flip();
    }

    private static ByteBuffer groupValue(GroupRecord.GroupMetadataValue value) {
        byte[] protocolType = utf8(value.protocolType());
        byte[] protocolName = utf8(value.protocolName());
        byte[] leader = utf8(value.leaderId());
        int size = 2 + stringSize(protocolType) + 4 + stringSize(protocolName) + stringSize(leader) + 8 + 4;
        List<byte[][]> members = new ArrayList<>(value.members().size());
        for (GroupRecord.MemberValue member : value.members()) {
            byte[][] strings = {utf8(member.memberId()), utf8(member.groupInstanceId()), utf8(member.clientId()),
                    utf8(member.clientHost())};
            members.add(strings);
            for (byte[] string : strings) {
                size += stringSize(string);
            }
            size += 4 + 4 + 4 + member.subscription().length + 4 + member.assignment().length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putShort(VALUE_VERSION);
        putString(buffer, protocolType);
        buffer.putInt(value.generationId());
        putString(buffer, protocolName);
        putString(buffer, leader);
        buffer.putLong(value.stateTimestampMs()).putInt(value.members().size());
        for (int i = 0; i < members.size(); i++) {
            GroupRecord.MemberValue member = value.members().get(i);
            for (byte[] string : members.get(i)) {
                putString(buffer, string);
            }
            buffer.putInt(member.rebalanceTimeoutMs()).putInt(member.sessionTimeoutMs());
            buffer.putInt(member.subscription().length).put(member.subscription());
            buffer.putInt(member.assignment().length).put(member.assignment());
        }
        return buffer.flip();
    }

    /**
     * Parses one record; {@code value} null means a tombstone.
     *
     * @throws UnknownRecordException for a key type or value version this broker does not know, or bytes
     *                                that do not parse
     */
    public static GroupRecord read(ByteBuffer key, ByteBuffer value) {
        try {
            short type = key.getShort();
            String groupId = readString(key);
            return switch (type) {
                case OFFSET_COMMIT_KEY -> {
                    TopicPartition tp = new TopicPartition(readString(key), key.getInt());
                    yield new GroupRecord.OffsetCommit(groupId, tp, value == null ? null : readOffsetValue(value));
                }
                case GROUP_METADATA_KEY ->
                        new GroupRecord.GroupMetadata(groupId, value == null ? null : readGroupValue(value));
                case CONSUMER_GROUP_KEY -> new GroupRecord.ConsumerGroupMetadata(groupId,
                        value == null ? null : ConsumerRecordsSerde.readGroupValue(value));
                case CONSUMER_MEMBER_KEY -> new GroupRecord.ConsumerGroupMember(groupId, readString(key),
                        value == null ? null : ConsumerRecordsSerde.readMemberValue(value));
                default -> throw new UnknownRecordException("unknown key type " + type);
            };
        } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException e) {
            throw new UnknownRecordException("malformed record: " + e);
        }
    }

    private static OffsetAndMetadata readOffsetValue(ByteBuffer value) {
        checkVersion(value.getShort());
        long offset = value.getLong();
        int leaderEpoch = value.getInt();
        String metadata = readString(value);
        return new OffsetAndMetadata(offset, leaderEpoch, metadata == null ? "" : metadata, value.getLong());
    }

    private static GroupRecord.GroupMetadataValue readGroupValue(ByteBuffer value) {
        checkVersion(value.getShort());
        String protocolType = readString(value);
        int generation = value.getInt();
        String protocolName = readString(value);
        String leader = readString(value);
        long stateTimestampMs = value.getLong();
        int count = value.getInt();
        List<GroupRecord.MemberValue> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String memberId = readString(value);
            String instanceId = readString(value);
            String clientId = readString(value);
            String clientHost = readString(value);
            int rebalanceTimeoutMs = value.getInt();
            int sessionTimeoutMs = value.getInt();
            byte[] subscription = readBytes(value);
            byte[] assignment = readBytes(value);
            members.add(new GroupRecord.MemberValue(memberId, instanceId, clientId, clientHost, rebalanceTimeoutMs,
                    sessionTimeoutMs, subscription, assignment));
        }
        return new GroupRecord.GroupMetadataValue(protocolType, generation, protocolName, leader, stateTimestampMs,
                members);
    }

    static void checkVersion(short version) {
        if (version != VALUE_VERSION) {
            throw new UnknownRecordException("unknown value version " + version);
        }
    }

    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    static int stringSize(byte[] utf8) {
        return 2 + (utf8 == null ? 0 : utf8.length);
    }

    static void putString(ByteBuffer buffer, byte[] utf8) {
        if (utf8 == null) {
            buffer.putShort((short) -1);
            return;
        }
        if (utf8.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("string of " + utf8.length + " bytes is too long for a group record");
        }
        buffer.putShort((short) utf8.length).put(utf8);
    }

    static String readString(ByteBuffer buffer) {
        short length = buffer.getShort();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = new byte[length];
        buffer.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.getInt()];
        buffer.get(bytes);
        return bytes;
    }

    /** A record this broker cannot read; loading skips it. */
    public static final class UnknownRecordException extends RuntimeException {
        UnknownRecordException(String message) {
            super(message, null, false, false);
        }
    }
}
