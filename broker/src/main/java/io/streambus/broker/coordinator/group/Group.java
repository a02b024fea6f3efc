package io.streambus.broker.coordinator.group;

import io.streambus.broker.purgatory.TimerTask;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.nio.ByteBuffer;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;

/**
 * A group as the coordinator keeps it: its committed offsets plus the membership of one protocol, either
 * the classic protocol's members and generation (the fields here) or the KIP-848 consumer protocol's
 * ({@link #consumer}, null for a classic group). A group that only ever committed offsets (assign-mode
 * consumers, admin tools) is an Empty classic group with no protocol type. An empty group of either type
 * may switch to the other when a member of the other protocol joins.
 *
 * <p>Threading: owned by its shard's thread; never shared.
 */
final class Group {

    static final String CONSUMER_PROTOCOL_TYPE = ConsumerProtocol.PROTOCOL_TYPE;

    final String groupId;
    GroupState state = GroupState.EMPTY;
    long stateTimestampMs;
    /** Null for a group that has never had members (only offsets). */
    String protocolType;
    String protocolName;
    int generationId;
    String leaderId;
    final Map<String, ClassicMember> members = new LinkedHashMap<>();
    /** group.instance.id to the member id that holds it now. */
    final Map<String, String> staticMembers = new HashMap<>();
    /** Member ids handed out with MEMBER_ID_REQUIRED, waiting for the second join; their expiry timers. */
    final Map<String, TimerTask> pendingMembers = new HashMap<>();
    final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    /** The KIP-848 membership; null while this is a classic group. */
    ConsumerGroup consumer;
    /** Ends the join phase (PreparingRebalance) or the wait for the leader's SyncGroup (CompletingRebalance). */
    TimerTask rebalanceTimer;
    /** The join phase may not end before this (group.initial.rebalance.delay.ms for a new group). */
    long joinMinCompleteNs;

    Group(String groupId, long nowMs) {
        this.groupId = groupId;
        this.stateTimestampMs = nowMs;
    }

    void transitionTo(GroupState newState, long nowMs) {
        state = newState;
        stateTimestampMs = nowMs;
    }

    /** True if this is a KIP-848 consumer group. */
    boolean isConsumerGroup() {
        return consumer != null;
    }

    /** No members of either protocol. */
    boolean hasNoMembers() {
        return members.isEmpty() && (consumer == null || consumer.members.isEmpty());
    }

    /** The state name ListGroups and DescribeGroups report. */
    String stateName() {
        return consumer != null ? consumer.state().kafkaName() : state.kafkaName();
    }

    boolean is(GroupState s) {
        return state == s;
    }

    boolean hasMember(String memberId) {
        return members.containsKey(memberId);
    }

    boolean isLeader(String memberId) {
        return memberId.equals(leaderId);
    }

    /** The member holding {@code groupInstanceId}, or null. */
    ClassicMember staticMember(String groupInstanceId) {
        String memberId = staticMembers.get(groupInstanceId);
        return memberId == null ? null : members.get(memberId);
    }

    void add(ClassicMember member) {
        if (members.isEmpty()) {
            protocolType = member.protocolType;
        }
        members.put(member.memberId, member);
        if (member.isStatic()) {
            staticMembers.put(member.groupInstanceId, member.memberId);
        }
        if (leaderId == null) {
            leaderId = member.memberId;
        }
    }

    void remove(String memberId) {
        ClassicMember member = members.remove(memberId);
        if (member == null) {
            return;
        }
        member.cancelSessionTimer();
        if (member.isStatic()) {
            staticMembers.remove(member.groupInstanceId, memberId);
        }
        if (memberId.equals(leaderId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
    }

    /** Replaces a static member's id, keeping its place, assignment and leadership. */
    ClassicMember replaceStaticMember(ClassicMember old, String newMemberId) {
        ClassicMember replacement = old.withMemberId(newMemberId);
        replacement.protocolType = old.protocolType;
        old.cancelSessionTimer();
        members.remove(old.memberId);
        members.put(newMemberId, replacement);
        staticMembers.put(old.groupInstanceId, newMemberId);
        if (old.memberId.equals(leaderId)) {
            leaderId = newMemberId;
        }
        return replacement;
    }

    /** True if a joining member with these protocols could be part of the group. */
    boolean supportsProtocols(String memberProtocolType, Collection<String> protocolNames) {
        if (memberProtocolType == null || memberProtocolType.isEmpty() || protocolNames.isEmpty()) {
            return false;
        }
        if (members.isEmpty()) {
            return true;
        }
        if (!memberProtocolType.equals(protocolType)) {
            return false;
        }
        for (String name : protocolNames) {
            if (members.values().stream().allMatch(m -> m.supports(name))) {
                return true;
            }
        }
        return false;
    }

    /** The protocol every member supports that most members prefer (each votes its first candidate). */
    String selectProtocol() {
        List<String> candidates = new ArrayList<>();
        ClassicMember any = members.values().iterator().next();
        for (ClassicMember.Protocol protocol : any.protocols) {
            if (members.values().stream().allMatch(m -> m.supports(protocol.name()))) {
                candidates.add(protocol.name());
            }
        }
        Map<String, Integer> votes = new HashMap<>();
        for (ClassicMember member : members.values()) {
            for (ClassicMember.Protocol protocol : member.protocols) {
                if (candidates.contains(protocol.name())) {
                    votes.merge(protocol.name(), 1, Integer::sum);
                    break;
                }
            }
        }
        String best = candidates.getFirst();
        for (String candidate : candidates) {
            if (votes.getOrDefault(candidate, 0) > votes.getOrDefault(best, 0)) {
                best = candidate;
            }
        }
        return best;
    }

    boolean allMembersJoined() {
        return pendingMembers.isEmpty() && members.values().stream().allMatch(m -> m.awaitingJoin != null);
    }

    int maxRebalanceTimeoutMs() {
        int max = 0;
        for (ClassicMember member : members.values()) {
            max = Math.max(max, member.rebalanceTimeoutMs);
        }
        return max;
    }

    /**
     * Topics the members subscribe to, for a consumer group past its join phase; null if unknown (not a
     * consumer group, or a subscription that does not parse), which callers treat as "everything".
     */
    Set<String> subscribedTopics() {
        if (!CONSUMER_PROTOCOL_TYPE.equals(protocolType) || protocolName == null) {
            return members.isEmpty() ? Set.of() : null;
        }
        Set<String> topics = new HashSet<>();
        for (ClassicMember member : members.values()) {
            byte[] metadata = member.metadata(protocolName);
            Set<String> memberTopics = metadata == null ? null : topicsOf(metadata);
            if (memberTopics == null) {
                return null;
            }
            topics.addAll(memberTopics);
        }
        return topics;
    }

    /** The topics of a consumer protocol subscription, or null if it does not parse. */
    static Set<String> topicsOf(byte[] consumerMetadata) {
        try {
            ConsumerPartitionAssignor.Subscription subscription =
                    ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(consumerMetadata));
            return new HashSet<>(subscription.topics());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** What a GroupMetadata record stores for this group now. */
    GroupRecord.GroupMetadataValue toRecordValue() {
        List<GroupRecord.MemberValue> values = new ArrayList<>(members.size());
        for (ClassicMember member : members.values()) {
            byte[] subscription = protocolName == null ? null : member.metadata(protocolName);
            values.add(new GroupRecord.MemberValue(member.memberId, member.groupInstanceId, member.clientId,
                    member.clientHost, member.rebalanceTimeoutMs, member.sessionTimeoutMs,
                    subscription == null ? new byte[0] : subscription, member.assignment));
        }
        return new GroupRecord.GroupMetadataValue(protocolType == null ? "" : protocolType, generationId,
                protocolName, leaderId, stateTimestampMs, values);
    }

    /** Restores the group from its latest GroupMetadata record (loading): Stable if it has members, else Empty. */
    void restore(GroupRecord.GroupMetadataValue value) {
        members.clear();
        staticMembers.clear();
        protocolType = value.protocolType().isEmpty() ? null : value.protocolType();
        protocolName = value.protocolName();
        generationId = value.generationId();
        leaderId = value.leaderId();
        stateTimestampMs = value.stateTimestampMs();
        for (GroupRecord.MemberValue m : value.members()) {
            ClassicMember member = new ClassicMember(m.memberId(), m.groupInstanceId(), m.clientId(), m.clientHost(),
                    m.rebalanceTimeoutMs(), m.sessionTimeoutMs(),
                    List.of(new ClassicMember.Protocol(protocolName, m.subscription())));
            member.protocolType = protocolType;
            member.assignment = m.assignment();
            members.put(member.memberId, member);
            if (member.isStatic()) {
                staticMembers.put(member.groupInstanceId, member.memberId);
            }
        }
        state = members.isEmpty() ? GroupState.EMPTY : GroupState.STABLE;
    }
}
