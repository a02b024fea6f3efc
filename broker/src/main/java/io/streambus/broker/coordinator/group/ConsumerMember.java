package io.streambus.broker.coordinator.group;

import io.streambus.broker.purgatory.TimerTask;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;

/**
 * One member of a KIP-848 consumer group: its subscription, its epoch and where it stands in reconciling
 * its current assignment with the group's target assignment.
 *
 * <p>Threading: owned by its group's shard thread.
 */
final class ConsumerMember {

    /** Reconciliation states, as in KIP-848. */
    enum State {
        /** Owns its current assignment, at its epoch. */
        STABLE,
        /** Must give up {@link #pendingRevocation} before it gets the new epoch. */
        UNREVOKED_PARTITIONS,
        /** At the new epoch, waiting for partitions that other members still own. */
        UNRELEASED_PARTITIONS
    }

    final String memberId;
    final String instanceId;
    final String clientId;
    final String clientHost;
    String rackId;
    int rebalanceTimeoutMs;
    List<String> subscribedTopicNames = List.of();
    String subscribedTopicRegex;
    String serverAssignor;
    int memberEpoch;
    int previousMemberEpoch = -1;
    State state = State.STABLE;
    Map<Uuid, Set<Integer>> assigned = new HashMap<>();
    Map<Uuid, Set<Integer>> pendingRevocation = new HashMap<>();
    TimerTask sessionTimer;
    /** Bumped by each session reset, so a timer that fired after being replaced does nothing. */
    int sessionEpoch;
    TimerTask revocationTimer;
    /** The record last written for this member, to write only changes. */
    GroupRecord.ConsumerMemberValue lastWritten;

    ConsumerMember(String memberId, String instanceId, String clientId, String clientHost) {
        this.memberId = memberId;
        this.instanceId = instanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
    }

    boolean owns(Uuid topicId, int partition) {
        return contains(assigned, topicId, partition) || contains(pendingRevocation, topicId, partition);
    }

    void cancelTimers() {
        if (sessionTimer != null) {
            sessionTimer.cancel();
            sessionTimer = null;
        }
        if (revocationTimer != null) {
            revocationTimer.cancel();
            revocationTimer = null;
        }
    }

    static boolean contains(Map<Uuid, Set<Integer>> partitions, Uuid topicId, int partition) {
        Set<Integer> set = partitions.get(topicId);
        return set != null && set.contains(partition);
    }

    static Map<Uuid, Set<Integer>> copy(Map<Uuid, Set<Integer>> partitions) {
        Map<Uuid, Set<Integer>> copy = new HashMap<>();
        partitions.forEach((topic, set) -> {
            if (!set.isEmpty()) {
                copy.put(topic, new HashSet<>(set));
            }
        });
        return copy;
    }
}
