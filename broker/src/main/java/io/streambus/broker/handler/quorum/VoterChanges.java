package io.streambus.broker.handler.quorum;

import io.streambus.broker.api.ErrorMapper;
import io.streambus.broker.controller.ControllerChannel;
import io.streambus.metadata.log.NotControllerException;
import io.streambus.metadata.log.raft.QuorumChangeException;
import io.streambus.metadata.log.raft.RatisMetadataLog;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * What AddRaftVoter and RemoveRaftVoter (KIP-853) share: the checks Kafka's Raft client makes before a voter change,
 * in its order (cluster id, then leadership), forwarding to the Raft leader from any other node as Kafka's brokers
 * forward these requests to the active controller, and the mapping of a change's outcome to Kafka's errors.
 * Stateless.
 */
final class VoterChanges {

    /** The error and message a voter change answers with; {@code NONE} and null on success. */
    record Outcome(Errors error, String message) {
        static final Outcome DONE = new Outcome(Errors.NONE, null);
    }

    private final String clusterId;
    private final RatisMetadataLog quorum;
    private final Optional<ControllerChannel> leaderChannel;

    VoterChanges(String clusterId, RatisMetadataLog quorum, Optional<ControllerChannel> leaderChannel) {
        this.clusterId = clusterId;
        this.quorum = quorum;
        this.leaderChannel = leaderChannel;
    }

    /** Kafka's check: a request naming another cluster is refused; a null cluster id means "any". */
    Optional<Outcome> checkClusterId(String requested) {
        if (requested == null || requested.equals(clusterId)) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(Errors.INCONSISTENT_CLUSTER_ID, String.format(
                "The given id \"%s\" doesn't match the cluster id \"%s\"", requested, clusterId)));
    }

    /**
     * StreamBus' voters have no directory ids yet: DescribeQuorum reports the zero id for each, and only that id
     * names a voter. Refused otherwise, so a request meant for one directory of a node never changes another.
     */
    static Optional<Outcome> checkDirectoryId(Uuid directoryId) {
        if (Uuid.ZERO_UUID.equals(directoryId)) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(Errors.INVALID_REQUEST, "StreamBus does not track voter directory ids yet: "
                + "DescribeQuorum reports " + Uuid.ZERO_UUID + " for every voter, and a voter change must name that id, "
                + "not " + directoryId));
    }

    /** True when this node must send the request on to the Raft leader instead of changing the voters itself. */
    boolean forwards() {
        return !quorum.isActiveLeader() && leaderChannel.isPresent();
    }

    <R extends ApiMessage> CompletableFuture<R> forward(ApiKeys api, short version, ApiMessage request) {
        return leaderChannel.orElseThrow().send(api, version, request);
    }

    RatisMetadataLog quorum() {
        return quorum;
    }

    /** Runs {@code change} on the leader and waits at most {@code timeoutMs} for it to commit. */
    static CompletionStage<Outcome> await(Supplier<CompletableFuture<Void>> change, long timeoutMs,
                                          String timeoutMessage) {
        return change.get().orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .handle((ignored, failure) -> failure == null ? Outcome.DONE : outcomeOf(failure, timeoutMessage));
    }

    private static Outcome outcomeOf(Throwable failure, String timeoutMessage) {
        Throwable cause = ErrorMapper.unwrap(failure);
        return switch (cause) {
            case QuorumChangeException e -> switch (e.reason()) {
                case ALREADY_A_VOTER -> new Outcome(Errors.DUPLICATE_VOTER, e.getMessage());
                case NOT_A_VOTER -> new Outcome(Errors.VOTER_NOT_FOUND, e.getMessage());
                case CHANGE_IN_PROGRESS -> new Outcome(Errors.REQUEST_TIMED_OUT,
                        "Request timed out waiting for leader to handle previous voter change request");
                case TIMED_OUT -> new Outcome(Errors.REQUEST_TIMED_OUT, timeoutMessage + ": " + e.getMessage());
            };
            case TimeoutException e -> new Outcome(Errors.REQUEST_TIMED_OUT, timeoutMessage);
            // Kafka's answer from a node that stopped leading: the client looks up the leader and retries.
            case NotControllerException e -> new Outcome(Errors.NOT_LEADER_OR_FOLLOWER, e.getMessage());
            case IllegalArgumentException e -> new Outcome(Errors.INVALID_REQUEST, e.getMessage());
            default -> new Outcome(ErrorMapper.toError(cause), cause.getMessage());
        };
    }
}
