package io.streambus.broker.coordinator.group;

import io.streambus.broker.purgatory.TimerTask;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;

/**
 * One member of a classic group: its protocols, assignment, pending join or sync response and
 * session timer.
 *
 * <p>Threading: owned by its group's shard thread.
 */
final class ClassicMember {

    /** A protocol the member supports, in its order of preference, with its metadata (the subscription). */
    record Protocol(String name, byte[] metadata) {
    }

    final String memberId;
    final String groupInstanceId;
    final String clientId;
    final String clientHost;
    String protocolType;
    int rebalanceTimeoutMs;
    int sessionTimeoutMs;
    List<Protocol> protocols;
    byte[] assignment = new byte[0];
    /** Completed when the join phase ends; null when the member has not (re)joined this rebalance. */
    CompletableFuture<JoinGroupResponseData> awaitingJoin;
    short joinVersion;
    /** Completed when the leader's assignment is stored; null when no SyncGroup is pending. */
    CompletableFuture<SyncGroupResponseData> awaitingSync;
    TimerTask sessionTimer;
    /** Bumped by each session reset, so a timer that fired after being replaced does nothing. */
    int sessionEpoch;
    /** Set by a join that created the member; cleared once it has seen a completed rebalance. */
    boolean isNew;

    ClassicMember(String memberId, String groupInstanceId, String clientId, String clientHost,
                  int rebalanceTimeoutMs, int sessionTimeoutMs, List<Protocol> protocols) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.protocols = List.copyOf(protocols);
    }

    /** A copy under a new member id (a static member rejoining), keeping its assignment. */
    ClassicMember withMemberId(String newMemberId) {
        ClassicMember copy = new ClassicMember(newMemberId, groupInstanceId, clientId, clientHost,
                rebalanceTimeoutMs, sessionTimeoutMs, protocols);
        copy.assignment = assignment;
        copy.protocolType = protocolType;
        return copy;
    }

    boolean supports(String protocolName) {
        return metadata(protocolName) != null;
    }

    byte[] metadata(String protocolName) {
        for (Protocol protocol : protocols) {
            if (protocol.name().equals(protocolName)) {
                return protocol.metadata();
            }
        }
        return null;
    }

    boolean sameProtocols(List<Protocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            if (!other.get(i).name().equals(protocols.get(i).name())
                    || !Arrays.equals(other.get(i).metadata(), protocols.get(i).metadata())) {
                return false;
            }
        }
        return true;
    }

    boolean isStatic() {
        return groupInstanceId != null;
    }

    void cancelSessionTimer() {
        if (sessionTimer != null) {
            sessionTimer.cancel();
            sessionTimer = null;
        }
    }
}
