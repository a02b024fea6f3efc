package io.streambus.broker;

import io.streambus.metadata.log.raft.QuorumVoter;
import io.streambus.metadata.log.raft.RatisMetadataLogConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * This node's place in a cluster's metadata quorum: where its Raft server listens and under which listener name
 * ({@code controller.listener.names}), and the voters the quorum was created with ({@code controller.quorum.voters}).
 * A node that is not among them joins the quorum and waits to be added with AddRaftVoter.
 *
 * @param self           this node's Raft endpoint, {@code node.id@host:port} of its controller listener
 * @param listenerName   the controller listener's name, as AddRaftVoter requests name the new voter's endpoint
 * @param initialVoters  {@code controller.quorum.voters}
 */
public record QuorumSeat(QuorumVoter self, String listenerName, List<QuorumVoter> initialVoters) {

    public QuorumSeat {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(listenerName, "listenerName");
        initialVoters = List.copyOf(initialVoters);
        if (initialVoters.isEmpty()) {
            throw new IllegalArgumentException("controller.quorum.voters is empty");
        }
    }

    /** A voter among the initial voters, on the controller listener {@code CONTROLLER}. */
    public static QuorumSeat voter(int nodeId, List<QuorumVoter> voters) {
        QuorumVoter self = voters.stream().filter(voter -> voter.id() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("node.id " + nodeId + " is not one of the quorum voters "
                        + voters));
        return new QuorumSeat(self, "CONTROLLER", voters);
    }

    public RatisMetadataLogConfig logConfig(Path storageDir) {
        return RatisMetadataLogConfig.of(self, initialVoters, storageDir);
    }
}
