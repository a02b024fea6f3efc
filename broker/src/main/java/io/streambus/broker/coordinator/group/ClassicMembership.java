package io.streambus.broker.coordinator.group;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness of classic group members: Heartbeat, LeaveGroup, session expiry and the expiry of member ids
 * handed out with MEMBER_ID_REQUIRED that never came back.
 *
 * <p>Threading: the shard's thread.
 */
final class ClassicMembership {

    private static final Logger log = LoggerFactory.getLogger(ClassicMembership.class);

    private final GroupCoordinatorShard shard;
    private final ClassicGroupProtocol protocol;

    ClassicMembership(GroupCoordinatorShard shard, ClassicGroupProtocol protocol) {
        this.shard = shard;
        this.protocol = protocol;
    }

    CompletableFuture<HeartbeatResponseData> heartbeat(HeartbeatRequestData request) {
        Errors error = heartbeatError(request);
        return CompletableFuture.completedFuture(new HeartbeatResponseData().setErrorCode(error.code()));
    }

    private Errors heartbeatError(HeartbeatRequestData request) {
        Group group = shard.group(request.groupId());
        if (group == null || group.is(GroupState.EMPTY) || group.is(GroupState.DEAD)) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        ClassicMember member = group.members.get(request.memberId());
        if (member == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (request.groupInstanceId() != null
                && !request.memberId().equals(group.staticMembers.get(request.groupInstanceId()))) {
            return Errors.FENCED_INSTANCE_ID;
        }
        if (request.generationId() != group.generationId) {
            return Errors.ILLEGAL_GENERATION;
        }
        resetSessionTimer(group, member);
        return group.is(GroupState.PREPARING_REBALANCE) ? Errors.REBALANCE_IN_PROGRESS : Errors.NONE;
    }

    CompletableFuture<LeaveGroupResponseData> leave(short version, LeaveGroupRequestData request) {
        LeaveGroupResponseData response = new LeaveGroupResponseData().setErrorCode(Errors.NONE.code());
        List<LeaveGroupRequestData.MemberIdentity> leaving = version >= 3 ? request.members()
                : List.of(new LeaveGroupRequestData.MemberIdentity().setMemberId(request.memberId()));
        Group group = shard.group(request.groupId());
        if (group == null) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.UNKNOWN_MEMBER_ID.code()));
        }
        List<String> removed = new ArrayList<>();
        for (LeaveGroupRequestData.MemberIdentity identity : leaving) {
            Errors error = leaveOne(group, identity, removed);
            if (version >= 3) {
                response.members().add(new LeaveGroupResponseData.MemberResponse().setMemberId(identity.memberId())
                        .setGroupInstanceId(identity.groupInstanceId()).setErrorCode(error.code()));
            } else {
                response.setErrorCode(error.code());
            }
        }
        if (!removed.isEmpty()) {
            onMembersRemoved(group, "members " + removed + " left");
        }
        return CompletableFuture.completedFuture(response);
    }

    private Errors leaveOne(Group group, LeaveGroupRequestData.MemberIdentity identity, List<String> removed) {
        String memberId = identity.memberId();
        if (identity.groupInstanceId() != null) {
            ClassicMember member = group.staticMember(identity.groupInstanceId());
            if (member == null) {
                return Errors.UNKNOWN_MEMBER_ID;
            }
            if (!JoinGroupRequest.UNKNOWN_MEMBER_ID.equals(memberId) && !member.memberId.equals(memberId)) {
                return Errors.FENCED_INSTANCE_ID;
            }
            memberId = member.memberId;
        } else if (group.pendingMembers.containsKey(memberId)) {
            group.pendingMembers.remove(memberId).cancel();
            protocol.maybeCompleteJoin(group);
            return Errors.NONE;
        }
        ClassicMember member = group.members.get(memberId);
        if (member == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        removeMember(group, member);
        removed.add(memberId);
        return Errors.NONE;
    }

    private void removeMember(Group group, ClassicMember member) {
        if (member.awaitingJoin != null) {
            member.awaitingJoin.complete(ClassicGroupProtocol.errorResponse(Errors.UNKNOWN_MEMBER_ID, member.memberId));
            member.awaitingJoin = null;
        }
        if (member.awaitingSync != null) {
            member.awaitingSync.complete(new SyncGroupResponseData().setErrorCode(Errors.UNKNOWN_MEMBER_ID.code()));
            member.awaitingSync = null;
        }
        group.remove(member.memberId);
    }

    private void onMembersRemoved(Group group, String reason) {
        switch (group.state) {
            case STABLE, COMPLETING_REBALANCE -> protocol.prepareRebalance(group, reason);
            case PREPARING_REBALANCE -> protocol.maybeCompleteJoin(group);
            default -> {
            }
        }
    }

    /** (Re)starts the member's session: it expires unless the member shows up again within its timeout. */
    void resetSessionTimer(Group group, ClassicMember member) {
        member.cancelSessionTimer();
        String memberId = member.memberId;
        int session = ++member.sessionEpoch;
        member.sessionTimer = shard.schedule(member.sessionTimeoutMs, () -> onSessionExpired(group, memberId, session));
    }

    private void onSessionExpired(Group group, String memberId, int session) {
        ClassicMember member = group.members.get(memberId);
        // A timer cancelled after it fired still runs: the session number tells a stale one.
        if (shard.group(group.groupId) != group || member == null || member.sessionEpoch != session) {
            return;
        }
        if (member.awaitingJoin != null || member.awaitingSync != null) {
            // A member waiting for our answer is alive; the rebalance timeout bounds the wait instead.
            resetSessionTimer(group, member);
            return;
        }
        log.info("{}group {}: member {} session expired", shard.logPrefix(), group.groupId, memberId);
        removeMember(group, member);
        onMembersRemoved(group, "member " + memberId + " session expired");
    }

    void expirePendingMember(String groupId, String memberId) {
        Group group = shard.group(groupId);
        if (group != null && group.pendingMembers.remove(memberId) != null) {
            protocol.maybeCompleteJoin(group);
        }
    }
}
