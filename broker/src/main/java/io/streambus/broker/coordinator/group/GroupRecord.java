package io.streambus.broker.coordinator.group;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

/**
 * What the group coordinator writes to {@code __consumer_offsets}: the only way its durable state
 * changes. A record with a null value is a tombstone; compaction keeps the latest record per key.
 * The byte layout is in {@link GroupRecordSerde}.
 */
public sealed interface GroupRecord {

    String groupId();

    /** A committed offset of one partition, or its deletion ({@code value} null). */
    record OffsetCommit(String groupId, TopicPartition topicPartition, OffsetAndMetadata value)
            implements GroupRecord {
        public OffsetCommit {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(topicPartition, "topicPartition");
        }
    }

    /** A classic group after a rebalance (or emptied), or its deletion ({@code value} null). */
    record GroupMetadata(String groupId, GroupMetadataValue value) implements GroupRecord {
        public GroupMetadata {
            Objects.requireNonNull(groupId, "groupId");
        }
    }

    /** A KIP-848 group's epochs and assignor, or its deletion ({@code value} null). */
    record ConsumerGroupMetadata(String groupId, ConsumerGroupValue value) implements GroupRecord {
        public ConsumerGroupMetadata {
            Objects.requireNonNull(groupId, "groupId");
        }
    }

    /** One KIP-848 member, or its departure ({@code value} null). */
    record ConsumerGroupMember(String groupId, String memberId, ConsumerMemberValue value) implements GroupRecord {
        public ConsumerGroupMember {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(memberId, "memberId");
        }
    }

    /**
     * @param subscribedPartitionCounts partition counts of the subscribed topics the target assignment was
     *                                  computed for, so a reload does not mistake them for a change
     */
    record ConsumerGroupValue(int groupEpoch, int assignmentEpoch, String assignorName,
                              Map<String, Integer> subscribedPartitionCounts) {
        public ConsumerGroupValue {
            Objects.requireNonNull(assignorName, "assignorName");
            subscribedPartitionCounts = Map.copyOf(subscribedPartitionCounts);
        }
    }

    /** A KIP-848 member's subscription, epochs, reconciliation state and current and target assignments. */
    record ConsumerMemberValue(String instanceId, String rackId, String clientId, String clientHost,
                               int rebalanceTimeoutMs, List<String> subscribedTopicNames, String subscribedTopicRegex,
                               String serverAssignor, int memberEpoch, int previousMemberEpoch, byte state,
                               Map<Uuid, Set<Integer>> assigned, Map<Uuid, Set<Integer>> pendingRevocation,
                               Map<Uuid, Set<Integer>> target) {
        public ConsumerMemberValue {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientHost, "clientHost");
            subscribedTopicNames = List.copyOf(subscribedTopicNames);
            assigned = copy(assigned);
            pendingRevocation = copy(pendingRevocation);
            target = copy(target);
        }

        private static Map<Uuid, Set<Integer>> copy(Map<Uuid, Set<Integer>> partitions) {
            Map<Uuid, Set<Integer>> copy = new java.util.HashMap<>();
            partitions.forEach((topic, set) -> {
                if (!set.isEmpty()) {
                    copy.put(topic, Set.copyOf(set));
                }
            });
            return Map.copyOf(copy);
        }
    }

    /**
     * The durable part of a classic group: enough to resume a stable generation after a restart or
     * failover, so that members who come back within their session timeout do not rebalance.
     */
    record GroupMetadataValue(String protocolType, int generationId, String protocolName, String leaderId,
                              long stateTimestampMs, List<MemberValue> members) {
        public GroupMetadataValue {
            Objects.requireNonNull(protocolType, "protocolType");
            members = List.copyOf(members);
        }
    }

    /** One member of a classic group as persisted: its subscription (for the chosen protocol) and assignment. */
    record MemberValue(String memberId, String groupInstanceId, String clientId, String clientHost,
                       int rebalanceTimeoutMs, int sessionTimeoutMs, byte[] subscription, byte[] assignment) {
        public MemberValue {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(assignment, "assignment");
        }
    }
}
