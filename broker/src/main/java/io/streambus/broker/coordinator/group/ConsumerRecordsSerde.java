package io.streambus.broker.coordinator.group;

import static io.streambus.broker.coordinator.group.GroupRecordSerde.VALUE_VERSION;
import static io.streambus.broker.coordinator.group.GroupRecordSerde.checkVersion;
import static io.streambus.broker.coordinator.group.GroupRecordSerde.putString;
import static io.streambus.broker.coordinator.group.GroupRecordSerde.readString;
import static io.streambus.broker.coordinator.group.GroupRecordSerde.stringSize;
import static io.streambus.broker.coordinator.group.GroupRecordSerde.utf8;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;

/** The values of the KIP-848 records; the byte layout is documented in {@link GroupRecordSerde}. */
final class ConsumerRecordsSerde {

    private ConsumerRecordsSerde() {
    }

    static ByteBuffer groupValue(GroupRecord.ConsumerGroupValue value) {
        byte[] assignor = utf8(value.assignorName());
        List<byte[]> names = new ArrayList<>();
        int size = 2 + 4 + 4 + stringSize(assignor) + 4;
        for (String topic : value.subscribedPartitionCounts().keySet()) {
            byte[] name = utf8(topic);
            names.add(name);
            size += stringSize(name) + 4;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putShort(VALUE_VERSION).putInt(value.groupEpoch()).putInt(value.assignmentEpoch());
        putString(buffer, assignor);
        buffer.putInt(names.size());
        int i = 0;
        for (Integer count : value.subscribedPartitionCounts().values()) {
            putString(buffer, names.get(i++));
            buffer.putInt(count);
        }
        return buffer.flip();
    }

    static GroupRecord.ConsumerGroupValue readGroupValue(ByteBuffer value) {
        checkVersion(value.getShort());
        int groupEpoch = value.getInt();
        int assignmentEpoch = value.getInt();
        String assignor = readString(value);
        int topics = value.getInt();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < topics; i++) {
            counts.put(readString(value), value.getInt());
        }
        return new GroupRecord.ConsumerGroupValue(groupEpoch, assignmentEpoch, assignor, counts);
    }

    static ByteBuffer memberValue(GroupRecord.ConsumerMemberValue value) {
        byte[][] strings = {utf8(value.instanceId()), utf8(value.rackId()), utf8(value.clientId()),
                utf8(value.clientHost())};
        byte[][] topics = new byte[value.subscribedTopicNames().size()][];
        for (int i = 0; i < topics.length; i++) {
            topics[i] = utf8(value.subscribedTopicNames().get(i));
        }
        byte[] regex = utf8(value.subscribedTopicRegex());
        byte[] assignor = utf8(value.serverAssignor());
        int size = 2 + 4 + 4 + stringSize(regex) + stringSize(assignor) + 4 + 4 + 1
                + partitionsSize(value.assigned()) + partitionsSize(value.pendingRevocation())
                + partitionsSize(value.target());
        for (byte[] s : strings) {
            size += stringSize(s);
        }
        for (byte[] s : topics) {
            size += stringSize(s);
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putShort(VALUE_VERSION);
        for (byte[] s : strings) {
            putString(buffer, s);
        }
        buffer.putInt(value.rebalanceTimeoutMs()).putInt(topics.length);
        for (byte[] s : topics) {
            putString(buffer, s);
        }
        putString(buffer, regex);
        putString(buffer, assignor);
        buffer.putInt(value.memberEpoch()).putInt(value.previousMemberEpoch()).put(value.state());
        putPartitions(buffer, value.assigned());
        putPartitions(buffer, value.pendingRevocation());
        putPartitions(buffer, value.target());
        return buffer.flip();
    }

    static GroupRecord.ConsumerMemberValue readMemberValue(ByteBuffer value) {
        checkVersion(value.getShort());
        String instanceId = readString(value);
        String rackId = readString(value);
        String clientId = readString(value);
        String clientHost = readString(value);
        int rebalanceTimeoutMs = value.getInt();
        int topicCount = value.getInt();
        List<String> topics = new ArrayList<>(topicCount);
        for (int i = 0; i < topicCount; i++) {
            topics.add(readString(value));
        }
        String regex = readString(value);
        String assignor = readString(value);
        int memberEpoch = value.getInt();
        int previousMemberEpoch = value.getInt();
        byte state = value.get();
        return new GroupRecord.ConsumerMemberValue(instanceId, rackId, clientId, clientHost, rebalanceTimeoutMs,
                topics, regex, assignor, memberEpoch, previousMemberEpoch, state, readPartitions(value),
                readPartitions(value), readPartitions(value));
    }

    private static int partitionsSize(Map<Uuid, Set<Integer>> partitions) {
        int size = 4;
        for (Set<Integer> set : partitions.values()) {
            size += 16 + 4 + 4 * set.size();
        }
        return size;
    }

    private static void putPartitions(ByteBuffer buffer, Map<Uuid, Set<Integer>> partitions) {
        buffer.putInt(partitions.size());
        partitions.forEach((topic, set) -> {
            buffer.putLong(topic.getMostSignificantBits()).putLong(topic.getLeastSignificantBits()).putInt(set.size());
            set.forEach(buffer::putInt);
        });
    }

    private static Map<Uuid, Set<Integer>> readPartitions(ByteBuffer buffer) {
        int topics = buffer.getInt();
        Map<Uuid, Set<Integer>> partitions = new HashMap<>();
        for (int i = 0; i < topics; i++) {
            Uuid topic = new Uuid(buffer.getLong(), buffer.getLong());
            int count = buffer.getInt();
            Set<Integer> set = new HashSet<>();
            for (int j = 0; j < count; j++) {
                set.add(buffer.getInt());
            }
            partitions.put(topic, set);
        }
        return partitions;
    }
}
