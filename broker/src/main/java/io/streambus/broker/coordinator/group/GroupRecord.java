package io.streambus.broker.coordinator.group;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

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
