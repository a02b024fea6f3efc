package io.streambus.broker.coordinator.group;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;

/**
 * The KIP-848 side of a {@link Group}: members with epochs, the group epoch (bumped when membership,
 * subscriptions or the subscribed topics' partitions change) and the target assignment computed on the
 * server for the assignment epoch.
 *
 * <p>Threading: owned by its shard's thread.
 */
final class ConsumerGroup {

    /** States of a consumer group, named as Kafka names them. */
    enum State {
        EMPTY("Empty"), ASSIGNING("Assigning"), RECONCILING("Reconciling"), STABLE("Stable");

        private final String kafkaName;

        State(String kafkaName) {
            this.kafkaName = kafkaName;
        }

        String kafkaName() {
            return kafkaName;
        }
    }

    int groupEpoch;
    int assignmentEpoch;
    String assignorName = ServerAssignors.UNIFORM;
    final Map<String, ConsumerMember> members = new LinkedHashMap<>();
    Map<String, Map<Uuid, Set<Integer>>> targetAssignment = new HashMap<>();
    /** Partition counts of the subscribed topics the target assignment was computed for. */
    Map<String, Integer> subscribedPartitionCounts = Map.of();
    /** The group record last written, to write only changes. */
    GroupRecord.ConsumerGroupValue lastWritten;
    /** Members removed since the last write, whose records need tombstones. */
    final java.util.Set<String> removedSinceWrite = new java.util.HashSet<>();

    State state() {
        if (members.isEmpty()) {
            return State.EMPTY;
        }
        if (assignmentEpoch < groupEpoch) {
            return State.ASSIGNING;
        }
        for (ConsumerMember member : members.values()) {
            if (member.memberEpoch != assignmentEpoch || member.state != ConsumerMember.State.STABLE) {
                return State.RECONCILING;
            }
        }
        return State.STABLE;
    }

    ConsumerMember memberByInstanceId(String instanceId) {
        for (ConsumerMember member : members.values()) {
            if (instanceId.equals(member.instanceId)) {
                return member;
            }
        }
        return null;
    }
}
