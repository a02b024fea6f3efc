package io.streambus.metadata.log.raft;

import java.util.OptionalInt;

/**
 * Who leads the metadata quorum, as far as this node knows, and in which epoch (the Raft term,
 * Kafka's controller epoch). {@code leaderId} is empty during an election.
 */
public record LeaderAndEpoch(OptionalInt leaderId, long epoch) {

    public boolean isLeader(int nodeId) {
        return leaderId.isPresent() && leaderId.getAsInt() == nodeId;
    }
}
