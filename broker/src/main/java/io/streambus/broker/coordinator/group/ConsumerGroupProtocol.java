package io.streambus.broker.coordinator.group;

import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.image.TopicImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KIP-848 consumer protocol: ConsumerGroupHeartbeat. Each heartbeat updates the member (join at epoch 0,
 * leave at -1, static leave at -2), bumps the group epoch when membership, subscriptions or the subscribed
 * topics' partition counts change, recomputes the target assignment with a {@link ServerAssignors server
 * assignor} when the group epoch moved, and reconciles the member towards it: partitions to give up are
 * revoked first (the member keeps its epoch until it no longer owns them), and partitions still owned by
 * others are handed over only once released.
 *
 * <p>The live state changes here, and every change is then written as ConsumerGroupMetadata and
 * ConsumerGroupMember records (only what changed; tombstones for members gone); a heartbeat is answered once
 * its records are durable. Loading replays those records, so members keep their epochs and assignments across
 * a coordinator restart.
 *
 * <p>Threading: the shard's thread.
 */
final class ConsumerGroupProtocol {

    /** Heartbeat interval of a member waiting for partitions being released (see heartbeatIntervalMs). */
    static final int RECONCILING_HEARTBEAT_INTERVAL_MS = 50;

    private static final Logger log = LoggerFactory.getLogger(ConsumerGroupProtocol.class);
    static final int LEAVE_EPOCH = -1;
    static final int STATIC_LEAVE_EPOCH = -2;

    private final GroupCoordinatorShard shard;

    ConsumerGroupProtocol(GroupCoordinatorShard shard) {
        this.shard = shard;
    }

    CompletableFuture<ConsumerGroupHeartbeatResponseData> heartbeat(ClientInfo client,
                                                                   ConsumerGroupHeartbeatRequestData request) {
        ConsumerGroupHeartbeatResponseData response = handle(client, request);
        Group group = shard.group(request.groupId());
        if (group == null || group.consumer == null) {
            return CompletableFuture.completedFuture(response);
        }
        return shard.write(changes(group)).handle((ignored, failure) -> failure == null ? response
                : error(Errors.COORDINATOR_NOT_AVAILABLE, "storing the group's state failed"));
    }

    /** Records for what changed in the group since the last write (and marks it written). */
    List<GroupRecord> changes(Group group) {
        ConsumerGroup consumer = group.consumer;
        List<GroupRecord> records = new ArrayList<>();
        for (String removed : consumer.removedSinceWrite) {
            records.add(new GroupRecord.ConsumerGroupMember(group.groupId, removed, null));
        }
        consumer.removedSinceWrite.clear();
        GroupRecord.ConsumerGroupValue groupValue = new GroupRecord.ConsumerGroupValue(consumer.groupEpoch,
                consumer.assignmentEpoch, consumer.assignorName, consumer.subscribedPartitionCounts);
        if (!groupValue.equals(consumer.lastWritten)) {
            records.add(new GroupRecord.ConsumerGroupMetadata(group.groupId, groupValue));
            consumer.lastWritten = groupValue;
        }
        for (ConsumerMember member : consumer.members.values()) {
            GroupRecord.ConsumerMemberValue value = new GroupRecord.ConsumerMemberValue(member.instanceId,
                    member.rackId, member.clientId, member.clientHost, member.rebalanceTimeoutMs,
                    member.subscribedTopicNames, member.subscribedTopicRegex, member.serverAssignor,
                    member.memberEpoch, member.previousMemberEpoch, (byte) member.state.ordinal(), member.assigned,
                    member.pendingRevocation, consumer.targetAssignment.getOrDefault(member.memberId, Map.of()));
            if (!value.equals(member.lastWritten)) {
                records.add(new GroupRecord.ConsumerGroupMember(group.groupId, member.memberId, value));
                member.lastWritten = value;
            }
        }
        return records;
    }

    /** Loading: a KIP-848 record from the log. */
    void replay(GroupRecord record) {
        switch (record) {
            case GroupRecord.ConsumerGroupMetadata metadata -> {
                if (metadata.value() == null) {
                    Group group = shard.group(metadata.groupId());
                    if (group != null) {
                        group.consumer = null;
                    }
                    return;
                }
                ConsumerGroup consumer = consumerOf(shard.getOrCreateGroup(metadata.groupId()));
                consumer.groupEpoch = metadata.value().groupEpoch();
                consumer.assignmentEpoch = metadata.value().assignmentEpoch();
                consumer.assignorName = metadata.value().assignorName();
                consumer.subscribedPartitionCounts = metadata.value().subscribedPartitionCounts();
                consumer.lastWritten = metadata.value();
            }
            case GroupRecord.ConsumerGroupMember memberRecord -> {
                ConsumerGroup consumer = consumerOf(shard.getOrCreateGroup(memberRecord.groupId()));
                GroupRecord.ConsumerMemberValue value = memberRecord.value();
                if (value == null) {
                    consumer.members.remove(memberRecord.memberId());
                    consumer.targetAssignment.remove(memberRecord.memberId());
                    return;
                }
                ConsumerMember member = new ConsumerMember(memberRecord.memberId(), value.instanceId(),
                        value.clientId(), value.clientHost());
                member.rackId = value.rackId();
                member.rebalanceTimeoutMs = value.rebalanceTimeoutMs();
                member.subscribedTopicNames = value.subscribedTopicNames();
                member.subscribedTopicRegex = value.subscribedTopicRegex();
                member.serverAssignor = value.serverAssignor();
                member.memberEpoch = value.memberEpoch();
                member.previousMemberEpoch = value.previousMemberEpoch();
                member.state = ConsumerMember.State.values()[value.state()];
                member.assigned = ConsumerMember.copy(value.assigned());
                member.pendingRevocation = ConsumerMember.copy(value.pendingRevocation());
                member.lastWritten = value;
                consumer.members.put(member.memberId, member);
                consumer.targetAssignment.put(member.memberId, ConsumerMember.copy(value.target()));
            }
            default -> throw new IllegalArgumentException("not a consumer group record: " + record);
        }
    }

    private static ConsumerGroup consumerOf(Group group) {
        if (group.consumer == null) {
            group.consumer = new ConsumerGroup();
        }
        return group.consumer;
    }

    /** After loading: members get a session to come back in, revocations their deadline. */
    void onLoaded() {
        for (Group group : shard.groups().values()) {
            if (group.consumer == null) {
                continue;
            }
            for (ConsumerMember member : group.consumer.members.values()) {
                resetSession(group, member);
                if (member.state == ConsumerMember.State.UNREVOKED_PARTITIONS) {
                    scheduleRevocationTimeout(group, member);
                }
            }
        }
    }

    private ConsumerGroupHeartbeatResponseData handle(ClientInfo client, ConsumerGroupHeartbeatRequestData request) {
        Errors invalid = validate(client, request);
        if (invalid != Errors.NONE) {
            return error(invalid, invalid == Errors.INVALID_REQUEST ? "invalid ConsumerGroupHeartbeat" : null);
        }
        Group group = shard.group(request.groupId());
        if (request.memberEpoch() == LEAVE_EPOCH || request.memberEpoch() == STATIC_LEAVE_EPOCH) {
            return leave(group, request);
        }
        if (group != null && !group.members.isEmpty()) {
            return error(Errors.GROUP_ID_NOT_FOUND, "Group " + request.groupId() + " is not a consumer group.");
        }
        if (group == null && request.memberEpoch() != 0) {
            return error(Errors.UNKNOWN_MEMBER_ID, null);
        }
        group = group != null ? group : shard.getOrCreateGroup(request.groupId());
        if (group.consumer == null) {
            group.consumer = new ConsumerGroup();
        }
        ConsumerGroup consumer = group.consumer;
        ConsumerMember member;
        if (request.memberEpoch() == 0) {
            member = join(group, client, request);
            if (member == null) {
                return error(errorOfFailedJoin(consumer, request), null);
            }
        } else {
            member = consumer.members.get(request.memberId());
            if (member == null) {
                return error(Errors.UNKNOWN_MEMBER_ID, null);
            }
            if (request.memberEpoch() != member.memberEpoch && !(request.memberEpoch() == member.previousMemberEpoch
                    && ownsOnly(request.topicPartitions(), member.assigned))) {
                return error(Errors.FENCED_MEMBER_EPOCH, "member epoch " + request.memberEpoch()
                        + " is not the current one, " + member.memberEpoch);
            }
            if (updateSubscription(member, request)) {
                consumer.groupEpoch++;
            }
        }
        resetSession(group, member);
        maybeComputeTargetAssignment(group);
        reconcile(group, member, ownedPartitions(request.topicPartitions()));
        return new ConsumerGroupHeartbeatResponseData().setErrorCode(Errors.NONE.code())
                .setMemberId(member.memberId).setMemberEpoch(member.memberEpoch)
                .setHeartbeatIntervalMs(heartbeatIntervalMs(member))
                .setAssignment(assignment(member.assigned));
    }

    /**
     * A member still waiting for partitions that others are releasing comes back sooner, so it picks them
     * up as soon as they are free instead of a whole interval later; the client takes the interval of each
     * response for its next heartbeat.
     */
    private int heartbeatIntervalMs(ConsumerMember member) {
        int interval = shard.config().consumerHeartbeatIntervalMs();
        return member.state == ConsumerMember.State.UNRELEASED_PARTITIONS
                ? Math.min(interval, RECONCILING_HEARTBEAT_INTERVAL_MS) : interval;
    }

    private Errors validate(ClientInfo client, ConsumerGroupHeartbeatRequestData request) {
        if (request.groupId() == null || request.groupId().isEmpty()) {
            return Errors.INVALID_REQUEST;
        }
        boolean noMemberId = request.memberId() == null || request.memberId().isEmpty();
        if (noMemberId && (client.apiVersion() >= 1 || request.memberEpoch() != 0)) {
            return Errors.INVALID_REQUEST; // from v1 the client generates its member id
        }
        if (request.memberEpoch() == 0 && (request.rebalanceTimeoutMs() == -1
                || (request.subscribedTopicNames() == null && request.subscribedTopicRegex() == null))) {
            return Errors.INVALID_REQUEST;
        }
        if (request.serverAssignor() != null && !ServerAssignors.isKnown(request.serverAssignor())) {
            return Errors.UNSUPPORTED_ASSIGNOR;
        }
        if (request.subscribedTopicRegex() != null) {
            try {
                Pattern.compile(request.subscribedTopicRegex());
            } catch (PatternSyntaxException e) {
                return Errors.INVALID_REGULAR_EXPRESSION;
            }
        }
        return Errors.NONE;
    }

    /** A new member, a member rejoining at epoch 0, or a static member taking over its instance; null if refused. */
    private ConsumerMember join(Group group, ClientInfo client, ConsumerGroupHeartbeatRequestData request) {
        ConsumerGroup consumer = group.consumer;
        String memberId = request.memberId() == null || request.memberId().isEmpty()
                ? Uuid.randomUuid().toString() : request.memberId();
        ConsumerMember previous = null;
        if (request.instanceId() != null) {
            previous = consumer.memberByInstanceId(request.instanceId());
            if (previous != null && previous.memberEpoch != STATIC_LEAVE_EPOCH && !previous.memberId.equals(memberId)) {
                return null; // UNRELEASED_INSTANCE_ID
            }
        }
        ConsumerMember existing = consumer.members.get(memberId);
        if (existing != null) {
            // Rejoining at epoch 0 (after being fenced, say): it starts over with nothing.
            removeMember(group, existing);
        } else if (previous == null && consumer.members.size() >= shard.config().consumerMaxGroupSize()) {
            return null; // GROUP_MAX_SIZE_REACHED
        }
        ConsumerMember member = new ConsumerMember(memberId, request.instanceId(), client.clientId(),
                client.clientHost());
        updateSubscription(member, request);
        if (previous != null) {
            // KIP-848 static membership: the new incarnation takes over the old one's assignment and epoch.
            consumer.members.remove(previous.memberId);
            previous.cancelTimers();
            member.memberEpoch = previous.previousMemberEpoch;
            member.assigned = previous.assigned;
            member.pendingRevocation = previous.pendingRevocation;
            member.state = previous.state;
            Map<Uuid, Set<Integer>> target = consumer.targetAssignment.remove(previous.memberId);
            if (target != null) {
                consumer.targetAssignment.put(memberId, target);
            }
            consumer.members.put(memberId, member);
            if (!sameSubscription(previous, member)) {
                consumer.groupEpoch++;
            }
            log.info("{}group {}: static member {} rejoined as {}", shard.logPrefix(), group.groupId,
                    member.instanceId, memberId);
            return member;
        }
        consumer.members.put(memberId, member);
        consumer.groupEpoch++;
        log.info("{}group {}: member {} joined, group epoch {}", shard.logPrefix(), group.groupId, memberId,
                consumer.groupEpoch);
        return member;
    }

    private Errors errorOfFailedJoin(ConsumerGroup consumer, ConsumerGroupHeartbeatRequestData request) {
        return request.instanceId() != null && consumer.memberByInstanceId(request.instanceId()) != null
                ? Errors.UNRELEASED_INSTANCE_ID : Errors.GROUP_MAX_SIZE_REACHED;
    }

    private ConsumerGroupHeartbeatResponseData leave(Group group, ConsumerGroupHeartbeatRequestData request) {
        ConsumerMember member = group == null || group.consumer == null ? null
                : group.consumer.members.get(request.memberId());
        if (member == null && request.instanceId() != null && group != null && group.consumer != null) {
            member = group.consumer.memberByInstanceId(request.instanceId());
        }
        if (member == null) {
            return error(Errors.UNKNOWN_MEMBER_ID, null);
        }
        if (request.memberEpoch() == STATIC_LEAVE_EPOCH && member.instanceId != null) {
            // A static member going away for a restart: its partitions wait for it until its session ends.
            member.previousMemberEpoch = member.memberEpoch;
            member.memberEpoch = STATIC_LEAVE_EPOCH;
            resetSession(group, member);
        } else {
            removeMember(group, member);
            group.consumer.groupEpoch++;
            log.info("{}group {}: member {} left, group epoch {}", shard.logPrefix(), group.groupId, member.memberId,
                    group.consumer.groupEpoch);
        }
        return new ConsumerGroupHeartbeatResponseData().setErrorCode(Errors.NONE.code())
                .setMemberId(member.memberId).setMemberEpoch(request.memberEpoch())
                .setHeartbeatIntervalMs(shard.config().consumerHeartbeatIntervalMs());
    }

    private void removeMember(Group group, ConsumerMember member) {
        member.cancelTimers();
        if (member.lastWritten != null) {
            group.consumer.removedSinceWrite.add(member.memberId);
        }
        group.consumer.members.remove(member.memberId);
        group.consumer.targetAssignment.remove(member.memberId);
        if (group.consumer.members.isEmpty()) {
            group.transitionTo(GroupState.EMPTY, shard.time().milliseconds());
        }
    }

    /** Applies the fields the request carries (null: unchanged); true if the subscription changed. */
    private static boolean updateSubscription(ConsumerMember member, ConsumerGroupHeartbeatRequestData request) {
        boolean changed = false;
        if (request.subscribedTopicNames() != null
                && !new HashSet<>(request.subscribedTopicNames()).equals(new HashSet<>(member.subscribedTopicNames))) {
            member.subscribedTopicNames = List.copyOf(request.subscribedTopicNames());
            changed = true;
        }
        String regex = request.subscribedTopicRegex();
        if (regex != null && !regex.equals(member.subscribedTopicRegex)) {
            member.subscribedTopicRegex = regex.isEmpty() ? null : regex;
            changed = true;
        }
        if (request.serverAssignor() != null && !request.serverAssignor().equals(member.serverAssignor)) {
            member.serverAssignor = request.serverAssignor();
            changed = true;
        }
        if (request.rackId() != null) {
            member.rackId = request.rackId();
        }
        if (request.rebalanceTimeoutMs() != -1) {
            member.rebalanceTimeoutMs = request.rebalanceTimeoutMs();
        }
        return changed;
    }

    private static boolean sameSubscription(ConsumerMember a, ConsumerMember b) {
        return new HashSet<>(a.subscribedTopicNames).equals(new HashSet<>(b.subscribedTopicNames))
                && java.util.Objects.equals(a.subscribedTopicRegex, b.subscribedTopicRegex)
                && java.util.Objects.equals(a.serverAssignor, b.serverAssignor);
    }

    /** The topics a member subscribes to that exist now, by name (its names plus its regex's matches). */
    private static Set<String> subscribedTopics(ConsumerMember member, MetadataImage image) {
        Set<String> topics = new HashSet<>();
        for (String name : member.subscribedTopicNames) {
            if (image.topics().topic(name) != null) {
                topics.add(name);
            }
        }
        if (member.subscribedTopicRegex != null) {
            Pattern pattern = Pattern.compile(member.subscribedTopicRegex);
            for (String name : image.topics().byName().keySet()) {
                if (!TopicImage.isInternal(name) && pattern.matcher(name).matches()) {
                    topics.add(name);
                }
            }
        }
        return topics;
    }

    /** Topics the group's members subscribe to now (for OffsetDelete's GROUP_SUBSCRIBED_TO_TOPIC). */
    Set<String> subscribedTopics(Group group) {
        Set<String> topics = new HashSet<>();
        MetadataImage image = shard.metadata();
        group.consumer.members.values().forEach(member -> topics.addAll(subscribedTopics(member, image)));
        return topics;
    }

    /**
     * ConsumerGroupDescribe of one group: GROUP_ID_NOT_FOUND unless it is a consumer-protocol group, with Kafka's
     * messages, which tell the two cases apart. kafka-clients' Admin retries both with DescribeGroups and, when
     * that finds no group either, fails with this message: {@code kafka-consumer-groups --describe} then prints
     * "Group G not found." for a missing or deleted group, as against Kafka 4.
     */
    ConsumerGroupDescribeResponseData.DescribedGroup describe(String groupId) {
        ConsumerGroupDescribeResponseData.DescribedGroup described =
                new ConsumerGroupDescribeResponseData.DescribedGroup().setGroupId(groupId);
        Group group = shard.group(groupId);
        if (group == null) {
            return described.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code())
                    .setErrorMessage("Group " + groupId + " not found.");
        }
        if (group.consumer == null) {
            return described.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code())
                    .setErrorMessage("Group " + groupId + " is not a consumer group.");
        }
        ConsumerGroup consumer = group.consumer;
        MetadataImage image = shard.metadata();
        described.setErrorCode(Errors.NONE.code()).setGroupState(consumer.state().kafkaName())
                .setGroupEpoch(consumer.groupEpoch).setAssignmentEpoch(consumer.assignmentEpoch)
                .setAssignorName(consumer.assignorName);
        for (ConsumerMember member : consumer.members.values()) {
            described.members().add(new ConsumerGroupDescribeResponseData.Member()
                    .setMemberId(member.memberId).setInstanceId(member.instanceId).setRackId(member.rackId)
                    .setMemberEpoch(member.memberEpoch).setClientId(member.clientId).setClientHost(member.clientHost)
                    .setSubscribedTopicNames(new ArrayList<>(member.subscribedTopicNames))
                    .setSubscribedTopicRegex(member.subscribedTopicRegex)
                    .setAssignment(describedAssignment(member.assigned, image))
                    .setTargetAssignment(describedAssignment(
                            consumer.targetAssignment.getOrDefault(member.memberId, Map.of()), image)));
        }
        return described;
    }

    private static ConsumerGroupDescribeResponseData.Assignment describedAssignment(Map<Uuid, Set<Integer>> partitions,
                                                                                   MetadataImage image) {
        ConsumerGroupDescribeResponseData.Assignment assignment = new ConsumerGroupDescribeResponseData.Assignment();
        partitions.forEach((topicId, set) -> {
            TopicImage topic = image.topics().topic(topicId);
            if (topic != null && !set.isEmpty()) {
                assignment.topicPartitions().add(new ConsumerGroupDescribeResponseData.TopicPartitions()
                        .setTopicId(topicId).setTopicName(topic.name()).setPartitions(new ArrayList<>(set)));
            }
        });
        return assignment;
    }

    /** The shard closes: stop every member timer. */
    void onClosed() {
        for (Group group : shard.groups().values()) {
            if (group.consumer != null) {
                group.consumer.members.values().forEach(ConsumerMember::cancelTimers);
            }
        }
    }

    /** Recomputes the target assignment if the group epoch moved or the subscribed topics changed shape. */
    private void maybeComputeTargetAssignment(Group group) {
        ConsumerGroup consumer = group.consumer;
        MetadataImage image = shard.metadata();
        Map<String, Set<String>> subscriptions = new LinkedHashMap<>();
        Map<String, ServerAssignors.Topic> topics = new HashMap<>();
        Map<String, Integer> partitionCounts = new HashMap<>();
        String assignor = ServerAssignors.UNIFORM;
        for (ConsumerMember member : consumer.members.values()) {
            Set<String> subscribed = subscribedTopics(member, image);
            subscriptions.put(member.memberId, subscribed);
            if (member.serverAssignor != null) {
                assignor = member.serverAssignor;
            }
            for (String name : subscribed) {
                TopicImage topic = image.topics().topic(name);
                topics.put(name, new ServerAssignors.Topic(name, topic.id(), topic.numPartitions()));
                partitionCounts.put(name, topic.numPartitions());
            }
        }
        if (!partitionCounts.equals(consumer.subscribedPartitionCounts)) {
            consumer.subscribedPartitionCounts = Map.copyOf(partitionCounts);
            if (consumer.assignmentEpoch == consumer.groupEpoch) {
                consumer.groupEpoch++;
            }
        }
        if (consumer.assignmentEpoch >= consumer.groupEpoch) {
            return;
        }
        consumer.assignorName = assignor;
        consumer.targetAssignment = ServerAssignors.assign(assignor, subscriptions, topics, consumer.targetAssignment);
        consumer.assignmentEpoch = consumer.groupEpoch;
        log.info("{}group {}: target assignment for epoch {} with {} members ({})", shard.logPrefix(), group.groupId,
                consumer.assignmentEpoch, consumer.members.size(), assignor);
    }

    /**
     * Moves the member towards its target: revoke first, then take the new epoch and the partitions that are
     * free; the rest arrives on later heartbeats, once their owners have released them.
     */
    private void reconcile(Group group, ConsumerMember member, Map<Uuid, Set<Integer>> owned) {
        ConsumerGroup consumer = group.consumer;
        if (member.state == ConsumerMember.State.UNREVOKED_PARTITIONS) {
            if (owned == null || intersects(owned, member.pendingRevocation)) {
                return; // still revoking
            }
            member.pendingRevocation = new HashMap<>();
            if (member.revocationTimer != null) {
                member.revocationTimer.cancel();
                member.revocationTimer = null;
            }
            member.state = ConsumerMember.State.STABLE;
        }
        Map<Uuid, Set<Integer>> target = consumer.targetAssignment.getOrDefault(member.memberId, Map.of());
        if (member.memberEpoch != consumer.assignmentEpoch) {
            Map<Uuid, Set<Integer>> kept = new HashMap<>();
            Map<Uuid, Set<Integer>> revoke = new HashMap<>();
            member.assigned.forEach((topic, partitions) -> partitions.forEach(p ->
                    (ConsumerMember.contains(target, topic, p) ? kept : revoke)
                            .computeIfAbsent(topic, t -> new HashSet<>()).add(p)));
            if (!revoke.isEmpty()) {
                member.assigned = kept;
                member.pendingRevocation = revoke;
                member.state = ConsumerMember.State.UNREVOKED_PARTITIONS;
                scheduleRevocationTimeout(group, member);
                return;
            }
            member.previousMemberEpoch = member.memberEpoch;
            member.memberEpoch = consumer.assignmentEpoch;
        } else if (member.state == ConsumerMember.State.STABLE) {
            return;
        }
        boolean missing = false;
        for (Map.Entry<Uuid, Set<Integer>> entry : target.entrySet()) {
            for (int partition : entry.getValue()) {
                if (ConsumerMember.contains(member.assigned, entry.getKey(), partition)) {
                    continue;
                }
                if (ownedByOther(consumer, member, entry.getKey(), partition)) {
                    missing = true;
                } else {
                    member.assigned.computeIfAbsent(entry.getKey(), t -> new HashSet<>()).add(partition);
                }
            }
        }
        member.state = missing ? ConsumerMember.State.UNRELEASED_PARTITIONS : ConsumerMember.State.STABLE;
    }

    private void scheduleRevocationTimeout(Group group, ConsumerMember member) {
        if (member.revocationTimer != null) {
            member.revocationTimer.cancel();
        }
        int epoch = member.memberEpoch;
        member.revocationTimer = shard.schedule(Math.max(member.rebalanceTimeoutMs, 1), () -> {
            if (group.consumer != null && group.consumer.members.get(member.memberId) == member
                    && member.state == ConsumerMember.State.UNREVOKED_PARTITIONS && member.memberEpoch == epoch) {
                log.info("{}group {}: member {} did not revoke its partitions in time and is removed",
                        shard.logPrefix(), group.groupId, member.memberId);
                removeMember(group, member);
                group.consumer.groupEpoch++;
                shard.write(changes(group));
            }
        });
    }

    private void resetSession(Group group, ConsumerMember member) {
        if (member.sessionTimer != null) {
            member.sessionTimer.cancel();
        }
        int session = ++member.sessionEpoch;
        member.sessionTimer = shard.schedule(shard.config().consumerSessionTimeoutMs(), () -> {
            if (group.consumer != null && group.consumer.members.get(member.memberId) == member
                    && member.sessionEpoch == session) {
                log.info("{}group {}: member {} session expired", shard.logPrefix(), group.groupId, member.memberId);
                removeMember(group, member);
                group.consumer.groupEpoch++;
                shard.write(changes(group));
            }
        });
    }

    private static boolean ownedByOther(ConsumerGroup consumer, ConsumerMember self, Uuid topic, int partition) {
        for (ConsumerMember other : consumer.members.values()) {
            if (other != self && other.owns(topic, partition)) {
                return true;
            }
        }
        return false;
    }

    private static boolean intersects(Map<Uuid, Set<Integer>> a, Map<Uuid, Set<Integer>> b) {
        for (Map.Entry<Uuid, Set<Integer>> entry : a.entrySet()) {
            Set<Integer> other = b.get(entry.getKey());
            if (other != null && entry.getValue().stream().anyMatch(other::contains)) {
                return true;
            }
        }
        return false;
    }

    private static boolean ownsOnly(List<ConsumerGroupHeartbeatRequestData.TopicPartitions> owned,
                                    Map<Uuid, Set<Integer>> assigned) {
        if (owned == null) {
            return false;
        }
        for (ConsumerGroupHeartbeatRequestData.TopicPartitions topic : owned) {
            for (int partition : topic.partitions()) {
                if (!ConsumerMember.contains(assigned, topic.topicId(), partition)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Map<Uuid, Set<Integer>> ownedPartitions(
            List<ConsumerGroupHeartbeatRequestData.TopicPartitions> owned) {
        if (owned == null) {
            return null;
        }
        Map<Uuid, Set<Integer>> result = new HashMap<>();
        owned.forEach(t -> result.computeIfAbsent(t.topicId(), id -> new HashSet<>()).addAll(t.partitions()));
        return result;
    }

    private static ConsumerGroupHeartbeatResponseData.Assignment assignment(Map<Uuid, Set<Integer>> partitions) {
        List<ConsumerGroupHeartbeatResponseData.TopicPartitions> topics = new ArrayList<>();
        partitions.forEach((topic, set) -> {
            if (!set.isEmpty()) {
                topics.add(new ConsumerGroupHeartbeatResponseData.TopicPartitions().setTopicId(topic)
                        .setPartitions(new ArrayList<>(set)));
            }
        });
        return new ConsumerGroupHeartbeatResponseData.Assignment().setTopicPartitions(topics);
    }

    private static ConsumerGroupHeartbeatResponseData error(Errors error, String message) {
        return new ConsumerGroupHeartbeatResponseData().setErrorCode(error.code())
                .setErrorMessage(message != null ? message : error.message());
    }
}
