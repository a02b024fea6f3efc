package io.streambus.broker.coordinator.group;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classic group protocol's join and sync phases: JoinGroup (with KIP-394 member ids, KIP-345 static
 * members, the initial rebalance delay and the rebalance timeout) and SyncGroup. Heartbeat, LeaveGroup and
 * session expiry are in {@link ClassicMembership}. Rebalances are client-driven (eager or cooperative): the
 * coordinator only follows the protocol's state machine Empty → PreparingRebalance → CompletingRebalance →
 * Stable.
 *
 * <p>Threading: the shard's thread, like all shard state.
 */
final class ClassicGroupProtocol {

    private static final Logger log = LoggerFactory.getLogger(ClassicGroupProtocol.class);

    private final GroupCoordinatorShard shard;
    final ClassicMembership membership;

    ClassicGroupProtocol(GroupCoordinatorShard shard) {
        this.shard = shard;
        this.membership = new ClassicMembership(shard, this);
    }

    CompletableFuture<JoinGroupResponseData> join(ClientInfo client, JoinGroupRequestData request) {
        GroupCoordinatorConfig config = shard.config();
        String groupId = request.groupId();
        if (groupId == null || groupId.isEmpty()) {
            return joinError(Errors.INVALID_GROUP_ID, request.memberId());
        }
        if (request.sessionTimeoutMs() < config.minSessionTimeoutMs()
                || request.sessionTimeoutMs() > config.maxSessionTimeoutMs()) {
            return joinError(Errors.INVALID_SESSION_TIMEOUT, request.memberId());
        }
        boolean unknownMember = JoinGroupRequest.UNKNOWN_MEMBER_ID.equals(request.memberId());
        Group group = shard.group(groupId);
        if (group == null) {
            if (!unknownMember) {
                return joinError(Errors.UNKNOWN_MEMBER_ID, request.memberId());
            }
            group = shard.getOrCreateGroup(groupId);
        }
        if (group.consumer != null) {
            if (!group.consumer.members.isEmpty()) {
                return joinError(Errors.INCONSISTENT_GROUP_PROTOCOL, request.memberId());
            }
            group.consumer = null; // an empty consumer-protocol group becomes a classic one
            shard.write(List.of(new GroupRecord.ConsumerGroupMetadata(groupId, null)));
        }
        List<String> names = new ArrayList<>();
        request.protocols().forEach(p -> names.add(p.name()));
        if (!group.supportsProtocols(request.protocolType(), names)) {
            return joinError(Errors.INCONSISTENT_GROUP_PROTOCOL, request.memberId());
        }
        return unknownMember ? joinUnknownMember(group, client, request) : joinKnownMember(group, client, request);
    }

    private CompletableFuture<JoinGroupResponseData> joinUnknownMember(Group group, ClientInfo client,
                                                                      JoinGroupRequestData request) {
        String instanceId = request.groupInstanceId();
        String newMemberId = (client.clientId().isEmpty() ? "member" : client.clientId()) + "-" + UUID.randomUUID();
        if (instanceId != null) {
            ClassicMember existing = group.staticMember(instanceId);
            if (existing != null) {
                return replaceStaticMember(group, existing, newMemberId, client, request);
            }
        }
        if (group.members.size() + group.pendingMembers.size() >= shard.config().maxGroupSize()) {
            return joinError(Errors.GROUP_MAX_SIZE_REACHED, JoinGroupRequest.UNKNOWN_MEMBER_ID);
        }
        if (instanceId == null && client.apiVersion() >= 4) {
            // KIP-394: hand out the id first, so a client that times out and retries does not leave a ghost.
            group.pendingMembers.put(newMemberId, shard.schedule(request.sessionTimeoutMs(),
                    () -> membership.expirePendingMember(group.groupId, newMemberId)));
            return joinError(Errors.MEMBER_ID_REQUIRED, newMemberId);
        }
        return addMemberAndRebalance(group, client, request, newMemberId);
    }

    private CompletableFuture<JoinGroupResponseData> joinKnownMember(Group group, ClientInfo client,
                                                                    JoinGroupRequestData request) {
        String memberId = request.memberId();
        ClassicMember member = group.members.get(memberId);
        if (member == null) {
            if (group.pendingMembers.containsKey(memberId)) {
                group.pendingMembers.remove(memberId).cancel();
                return addMemberAndRebalance(group, client, request, memberId);
            }
            return joinError(Errors.UNKNOWN_MEMBER_ID, memberId);
        }
        if (request.groupInstanceId() != null && !memberId.equals(group.staticMembers.get(request.groupInstanceId()))) {
            return joinError(Errors.FENCED_INSTANCE_ID, memberId);
        }
        List<ClassicMember.Protocol> protocols = protocols(request);
        switch (group.state) {
            case PREPARING_REBALANCE -> {
                return updateMemberAndAwaitJoin(group, member, request, protocols, client.apiVersion());
            }
            case COMPLETING_REBALANCE -> {
                if (member.sameProtocols(protocols)) {
                    // A retried join after the phase ended: answer with the current generation again.
                    return CompletableFuture.completedFuture(joinResponse(group, member, client.apiVersion()));
                }
                CompletableFuture<JoinGroupResponseData> pending =
                        updateMemberAndAwaitJoin(group, member, request, protocols, client.apiVersion());
                prepareRebalance(group, "member " + memberId + " changed its protocols");
                return pending;
            }
            case STABLE -> {
                if (group.isLeader(memberId) || !member.sameProtocols(protocols)) {
                    CompletableFuture<JoinGroupResponseData> pending =
                            updateMemberAndAwaitJoin(group, member, request, protocols, client.apiVersion());
                    prepareRebalance(group, "leader or member " + memberId + " rejoined");
                    return pending;
                }
                membership.resetSessionTimer(group, member);
                return CompletableFuture.completedFuture(joinResponse(group, member, client.apiVersion()));
            }
            default -> {
                return joinError(Errors.UNKNOWN_MEMBER_ID, memberId);
            }
        }
    }

    private CompletableFuture<JoinGroupResponseData> replaceStaticMember(Group group, ClassicMember existing,
                                                                        String newMemberId, ClientInfo client,
                                                                        JoinGroupRequestData request) {
        // The old incarnation's pending responses tell it it has been replaced.
        if (existing.awaitingJoin != null) {
            existing.awaitingJoin.complete(errorResponse(Errors.FENCED_INSTANCE_ID, existing.memberId));
            existing.awaitingJoin = null;
        }
        if (existing.awaitingSync != null) {
            existing.awaitingSync.complete(new SyncGroupResponseData().setErrorCode(Errors.FENCED_INSTANCE_ID.code()));
            existing.awaitingSync = null;
        }
        List<ClassicMember.Protocol> protocols = protocols(request);
        boolean unchanged = existing.sameProtocols(protocols) || group.protocolName != null
                && sameSubscription(group, existing.metadata(group.protocolName),
                        metadataOf(protocols, group.protocolName));
        ClassicMember member = group.replaceStaticMember(existing, newMemberId);
        log.info("{}group {}: static member {} rejoined as {}", shard.logPrefix(), group.groupId,
                member.groupInstanceId, newMemberId);
        if (group.is(GroupState.STABLE) && unchanged) {
            // KIP-345: a static member coming back with the same subscription keeps its assignment, no rebalance.
            member.protocols = protocols;
            member.rebalanceTimeoutMs = request.rebalanceTimeoutMs();
            member.sessionTimeoutMs = request.sessionTimeoutMs();
            membership.resetSessionTimer(group, member);
            JoinGroupResponseData response = joinResponse(group, member, client.apiVersion());
            if (group.isLeader(newMemberId) && client.apiVersion() >= 9) {
                response.setSkipAssignment(true);
            }
            return CompletableFuture.completedFuture(response);
        }
        CompletableFuture<JoinGroupResponseData> pending =
                updateMemberAndAwaitJoin(group, member, request, protocols, client.apiVersion());
        if (group.is(GroupState.STABLE) || group.is(GroupState.COMPLETING_REBALANCE) || group.is(GroupState.EMPTY)) {
            prepareRebalance(group, "static member " + member.groupInstanceId + " rejoined with new protocols");
        } else {
            maybeCompleteJoin(group);
        }
        return pending;
    }

    private CompletableFuture<JoinGroupResponseData> addMemberAndRebalance(Group group, ClientInfo client,
                                                                          JoinGroupRequestData request,
                                                                          String memberId) {
        ClassicMember member = new ClassicMember(memberId, request.groupInstanceId(), client.clientId(),
                client.clientHost(), rebalanceTimeoutMs(request, client), request.sessionTimeoutMs(),
                protocols(request));
        member.protocolType = request.protocolType();
        member.isNew = true;
        member.joinVersion = client.apiVersion();
        member.awaitingJoin = new CompletableFuture<>();
        CompletableFuture<JoinGroupResponseData> pending = member.awaitingJoin; // completing the join clears it
        group.add(member);
        if (group.is(GroupState.PREPARING_REBALANCE)) {
            maybeCompleteJoin(group);
        } else {
            prepareRebalance(group, "member " + memberId + " joined");
        }
        return pending;
    }

    private CompletableFuture<JoinGroupResponseData> updateMemberAndAwaitJoin(Group group, ClassicMember member,
                                                                             JoinGroupRequestData request,
                                                                             List<ClassicMember.Protocol> protocols,
                                                                             short version) {
        member.protocols = protocols;
        member.rebalanceTimeoutMs = request.rebalanceTimeoutMs() > 0 ? request.rebalanceTimeoutMs()
                : request.sessionTimeoutMs();
        member.sessionTimeoutMs = request.sessionTimeoutMs();
        member.joinVersion = version;
        if (member.awaitingJoin != null) {
            // A duplicate join while waiting: the earlier request is answered as superseded.
            member.awaitingJoin.complete(errorResponse(Errors.REBALANCE_IN_PROGRESS, member.memberId));
        }
        member.awaitingJoin = new CompletableFuture<>();
        CompletableFuture<JoinGroupResponseData> pending = member.awaitingJoin;
        if (group.is(GroupState.PREPARING_REBALANCE)) {
            maybeCompleteJoin(group);
        }
        return pending;
    }

    /** Starts a join phase: Stable, CompletingRebalance or Empty → PreparingRebalance. */
    void prepareRebalance(Group group, String reason) {
        long nowNs = shard.time().nanoseconds();
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            for (ClassicMember member : group.members.values()) {
                member.assignment = new byte[0];
                if (member.awaitingSync != null) {
                    member.awaitingSync.complete(new SyncGroupResponseData()
                            .setErrorCode(Errors.REBALANCE_IN_PROGRESS.code()));
                    member.awaitingSync = null;
                }
            }
        }
        boolean initial = group.is(GroupState.EMPTY);
        int delayMs = initial ? shard.config().initialRebalanceDelayMs() : 0;
        group.joinMinCompleteNs = nowNs + delayMs * 1_000_000L;
        group.transitionTo(GroupState.PREPARING_REBALANCE, shard.time().milliseconds());
        if (group.rebalanceTimer != null) {
            group.rebalanceTimer.cancel();
        }
        int generation = group.generationId;
        long timeoutMs = Math.max(group.maxRebalanceTimeoutMs(), delayMs);
        group.rebalanceTimer = shard.schedule(timeoutMs, () -> onRebalanceTimeout(group, generation));
        if (delayMs > 0) {
            shard.schedule(delayMs, () -> {
                if (group.is(GroupState.PREPARING_REBALANCE) && group.generationId == generation) {
                    maybeCompleteJoin(group);
                }
            });
        }
        log.info("{}group {}: preparing rebalance of generation {} ({})", shard.logPrefix(), group.groupId,
                generation, reason);
        maybeCompleteJoin(group);
    }

    private void onRebalanceTimeout(Group group, int generation) {
        if (shard.group(group.groupId) != group || !group.is(GroupState.PREPARING_REBALANCE)
                || group.generationId != generation) {
            return;
        }
        completeJoin(group);
    }

    /** Ends the join phase if every member has rejoined and the initial delay has passed. */
    void maybeCompleteJoin(Group group) {
        if (group.is(GroupState.PREPARING_REBALANCE) && group.allMembersJoined()
                && shard.time().nanoseconds() >= group.joinMinCompleteNs) {
            completeJoin(group);
        }
    }

    private void completeJoin(Group group) {
        if (group.rebalanceTimer != null) {
            group.rebalanceTimer.cancel();
            group.rebalanceTimer = null;
        }
        // Members that did not rejoin in time are out (static ones too: they must rejoin).
        for (ClassicMember member : List.copyOf(group.members.values())) {
            if (member.awaitingJoin == null) {
                group.remove(member.memberId);
            }
        }
        group.pendingMembers.values().forEach(io.streambus.broker.purgatory.TimerTask::cancel);
        group.pendingMembers.clear();
        group.generationId++;
        long nowMs = shard.time().milliseconds();
        if (group.members.isEmpty()) {
            group.protocolName = null;
            group.leaderId = null;
            group.transitionTo(GroupState.EMPTY, nowMs);
            log.info("{}group {}: generation {} is empty", shard.logPrefix(), group.groupId, group.generationId);
            writeGroupMetadata(group);
            return;
        }
        group.protocolName = group.selectProtocol();
        if (group.leaderId == null || !group.hasMember(group.leaderId)) {
            group.leaderId = group.members.keySet().iterator().next();
        }
        group.transitionTo(GroupState.COMPLETING_REBALANCE, nowMs);
        int generation = group.generationId;
        group.rebalanceTimer = shard.schedule(group.maxRebalanceTimeoutMs(), () -> onSyncTimeout(group, generation));
        log.info("{}group {}: generation {} with {} members, protocol {}", shard.logPrefix(), group.groupId,
                group.generationId, group.members.size(), group.protocolName);
        for (ClassicMember member : group.members.values()) {
            JoinGroupResponseData response = joinResponse(group, member, member.joinVersion);
            CompletableFuture<JoinGroupResponseData> pending = member.awaitingJoin;
            member.awaitingJoin = null;
            member.isNew = false;
            membership.resetSessionTimer(group, member);
            pending.complete(response);
        }
    }

    /**
     * The leader's assignment did not arrive within the rebalance timeout: members that did not send SyncGroup
     * are dropped and the group rebalances without them.
     */
    private void onSyncTimeout(Group group, int generation) {
        if (shard.group(group.groupId) != group || !group.is(GroupState.COMPLETING_REBALANCE)
                || group.generationId != generation) {
            return;
        }
        for (ClassicMember member : List.copyOf(group.members.values())) {
            if (member.awaitingSync == null) {
                group.remove(member.memberId);
            }
        }
        prepareRebalance(group, "SyncGroup did not complete within the rebalance timeout");
    }

    /** The join response for {@code member} in the current generation; the leader also gets every member. */
    private JoinGroupResponseData joinResponse(Group group, ClassicMember member, short version) {
        JoinGroupResponseData response = new JoinGroupResponseData()
                .setErrorCode(Errors.NONE.code())
                .setGenerationId(group.generationId)
                .setProtocolName(group.protocolName)
                .setLeader(group.leaderId)
                .setMemberId(member.memberId);
        if (version >= 7) {
            response.setProtocolType(group.protocolType);
        }
        if (group.isLeader(member.memberId)) {
            for (ClassicMember m : group.members.values()) {
                JoinGroupResponseData.JoinGroupResponseMember entry =
                        new JoinGroupResponseData.JoinGroupResponseMember().setMemberId(m.memberId).setMetadata(m.metadata(group.protocolName));
                if (version >= 5) {
                    entry.setGroupInstanceId(m.groupInstanceId);
                }
                response.members().add(entry);
            }
        }
        return response;
    }

    CompletableFuture<SyncGroupResponseData> sync(ClientInfo client, SyncGroupRequestData request) {
        Group group = shard.group(request.groupId());
        if (group == null) {
            return syncError(Errors.UNKNOWN_MEMBER_ID);
        }
        ClassicMember member = group.members.get(request.memberId());
        if (member == null) {
            return syncError(Errors.UNKNOWN_MEMBER_ID);
        }
        if (request.groupInstanceId() != null
                && !request.memberId().equals(group.staticMembers.get(request.groupInstanceId()))) {
            return syncError(Errors.FENCED_INSTANCE_ID);
        }
        if (request.generationId() != group.generationId) {
            return syncError(Errors.ILLEGAL_GENERATION);
        }
        if ((request.protocolType() != null && !request.protocolType().equals(group.protocolType))
                || (request.protocolName() != null && !request.protocolName().equals(group.protocolName))) {
            return syncError(Errors.INCONSISTENT_GROUP_PROTOCOL);
        }
        switch (group.state) {
            case PREPARING_REBALANCE -> {
                return syncError(Errors.REBALANCE_IN_PROGRESS);
            }
            case COMPLETING_REBALANCE -> {
                membership.resetSessionTimer(group, member);
                if (member.awaitingSync != null) {
                    member.awaitingSync.complete(new SyncGroupResponseData()
                            .setErrorCode(Errors.REBALANCE_IN_PROGRESS.code()));
                }
                member.awaitingSync = new CompletableFuture<>();
                CompletableFuture<SyncGroupResponseData> pending = member.awaitingSync;
                if (group.isLeader(member.memberId)) {
                    storeAssignment(group, request);
                }
                return pending;
            }
            case STABLE -> {
                membership.resetSessionTimer(group, member);
                return CompletableFuture.completedFuture(syncResponse(group, member));
            }
            default -> {
                return syncError(Errors.UNKNOWN_MEMBER_ID);
            }
        }
    }

    private void storeAssignment(Group group, SyncGroupRequestData request) {
        for (ClassicMember member : group.members.values()) {
            member.assignment = new byte[0];
        }
        for (SyncGroupRequestData.SyncGroupRequestAssignment assignment : request.assignments()) {
            ClassicMember member = group.members.get(assignment.memberId());
            if (member != null) {
                member.assignment = assignment.assignment();
            }
        }
        int generation = group.generationId;
        shard.write(List.of(new GroupRecord.GroupMetadata(group.groupId, group.toRecordValue())))
                .whenComplete((ignored, failure) -> {
                    if (shard.group(group.groupId) != group || group.generationId != generation
                            || !group.is(GroupState.COMPLETING_REBALANCE)) {
                        return;
                    }
                    if (failure != null) {
                        prepareRebalance(group, "storing the assignment failed: " + failure.getMessage());
                        return;
                    }
                    if (group.rebalanceTimer != null) {
                        group.rebalanceTimer.cancel();
                        group.rebalanceTimer = null;
                    }
                    group.transitionTo(GroupState.STABLE, shard.time().milliseconds());
                    for (ClassicMember member : group.members.values()) {
                        if (member.awaitingSync != null) {
                            member.awaitingSync.complete(syncResponse(group, member));
                            member.awaitingSync = null;
                        }
                    }
                });
    }

    /** Writes the group's current metadata (or an emptied group) so a restart resumes from it. */
    void writeGroupMetadata(Group group) {
        shard.write(List.of(new GroupRecord.GroupMetadata(group.groupId, group.toRecordValue())));
    }

    private static SyncGroupResponseData syncResponse(Group group, ClassicMember member) {
        return new SyncGroupResponseData().setErrorCode(Errors.NONE.code())
                .setProtocolType(group.protocolType).setProtocolName(group.protocolName)
                .setAssignment(member.assignment);
    }

    /** After loading: stable groups' members get a session to come back in. */
    void onLoaded() {
        for (Group group : shard.groups().values()) {
            for (ClassicMember member : group.members.values()) {
                membership.resetSessionTimer(group, member);
            }
        }
    }

    /** The shard closes: members waiting for a response are told to find the new coordinator. */
    void onClosed() {
        for (Group group : shard.groups().values()) {
            if (group.rebalanceTimer != null) {
                group.rebalanceTimer.cancel();
            }
            group.pendingMembers.values().forEach(io.streambus.broker.purgatory.TimerTask::cancel);
            for (ClassicMember member : group.members.values()) {
                member.cancelSessionTimer();
                if (member.awaitingJoin != null) {
                    member.awaitingJoin.complete(errorResponse(Errors.NOT_COORDINATOR, member.memberId));
                }
                if (member.awaitingSync != null) {
                    member.awaitingSync.complete(
                            new SyncGroupResponseData().setErrorCode(Errors.NOT_COORDINATOR.code()));
                }
            }
        }
    }

    private static List<ClassicMember.Protocol> protocols(JoinGroupRequestData request) {
        List<ClassicMember.Protocol> protocols = new ArrayList<>(request.protocols().size());
        request.protocols().forEach(p -> protocols.add(new ClassicMember.Protocol(p.name(), p.metadata())));
        return protocols;
    }

    /**
     * Whether a static member's new metadata subscribes to what its old one did. Consumer metadata also carries
     * owned partitions and a generation, which a restarted consumer has lost; only the topics matter here.
     */
    private static boolean sameSubscription(Group group, byte[] before, byte[] after) {
        if (before == null || after == null) {
            return false;
        }
        if (Group.CONSUMER_PROTOCOL_TYPE.equals(group.protocolType)) {
            java.util.Set<String> topicsBefore = Group.topicsOf(before);
            return topicsBefore != null && topicsBefore.equals(Group.topicsOf(after));
        }
        return java.util.Arrays.equals(before, after);
    }

    private static byte[] metadataOf(List<ClassicMember.Protocol> protocols, String name) {
        for (ClassicMember.Protocol protocol : protocols) {
            if (protocol.name().equals(name)) {
                return protocol.metadata();
            }
        }
        return null;
    }

    private static int rebalanceTimeoutMs(JoinGroupRequestData request, ClientInfo client) {
        // v0 has no rebalance timeout: the session timeout serves for both.
        return client.apiVersion() >= 1 && request.rebalanceTimeoutMs() > 0 ? request.rebalanceTimeoutMs()
                : request.sessionTimeoutMs();
    }

    static JoinGroupResponseData errorResponse(Errors error, String memberId) {
        return new JoinGroupResponseData().setErrorCode(error.code()).setGenerationId(-1)
                .setProtocolName("").setLeader("").setMemberId(memberId == null ? "" : memberId);
    }

    private static CompletableFuture<JoinGroupResponseData> joinError(Errors error, String memberId) {
        return CompletableFuture.completedFuture(errorResponse(error, memberId));
    }

    private static CompletableFuture<SyncGroupResponseData> syncError(Errors error) {
        return CompletableFuture.completedFuture(new SyncGroupResponseData().setErrorCode(error.code()));
    }
}
