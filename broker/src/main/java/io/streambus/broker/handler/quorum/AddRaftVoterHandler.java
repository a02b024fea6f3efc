package io.streambus.broker.handler.quorum;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.controller.ControllerChannel;
import io.streambus.broker.handler.quorum.VoterChanges.Outcome;
import io.streambus.metadata.log.raft.QuorumVoter;
import io.streambus.metadata.log.raft.RatisMetadataLog;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.AddRaftVoterRequestData;
import org.apache.kafka.common.message.AddRaftVoterResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * AddRaftVoter v0 (KIP-853), what Admin's {@code addRaftVoter} and {@code kafka-metadata-quorum add-controller}
 * send: the node must already be running as a joining controller (its {@code node.id} outside
 * {@code controller.quorum.voters}); the Raft leader brings it up to date, then commits the configuration that
 * gives it a vote, and only then answers. Requests reaching another node are forwarded to the leader. The new
 * voter's Raft endpoint is the request's listener named by {@code controller.listener.names}, as Kafka picks it.
 */
public final class AddRaftVoterHandler implements ApiHandler<AddRaftVoterRequestData, AddRaftVoterResponseData> {

    private final VoterChanges changes;
    private final String controllerListenerName;

    public AddRaftVoterHandler(String clusterId, String controllerListenerName, RatisMetadataLog quorum,
                               Optional<ControllerChannel> leaderChannel) {
        this.changes = new VoterChanges(clusterId, quorum, leaderChannel);
        this.controllerListenerName = controllerListenerName;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.ADD_RAFT_VOTER;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 0;
    }

    @Override
    public CompletionStage<AddRaftVoterResponseData> handle(RequestContext context, AddRaftVoterRequestData request) {
        Optional<Outcome> refused = changes.checkClusterId(request.clusterId());
        if (refused.isEmpty() && changes.forwards()) {
            return changes.forward(ApiKeys.ADD_RAFT_VOTER, context.apiVersion(), request);
        }
        if (refused.isEmpty()) {
            refused = VoterChanges.checkDirectoryId(request.voterDirectoryId());
        }
        Optional<AddRaftVoterRequestData.Listener> endpoint = Optional.ofNullable(
                request.listeners().find(controllerListenerName));
        if (refused.isEmpty() && endpoint.isEmpty()) {
            refused = Optional.of(new Outcome(Errors.INVALID_REQUEST, String.format(
                    "Add voter request didn't include the endpoint (%s) for the default listener %s",
                    request.listeners(), controllerListenerName)));
        }
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(response(refused.get()));
        }
        QuorumVoter voter;
        try {
            voter = new QuorumVoter(request.voterId(), endpoint.get().host(), endpoint.get().port());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(response(new Outcome(Errors.INVALID_REQUEST, e.getMessage())));
        }
        return VoterChanges.await(() -> changes.quorum().addVoter(voter), request.timeoutMs(),
                "New voter " + voter + " did not catch up with the leader within " + request.timeoutMs() + " ms; is it "
                        + "running as a joining controller and reachable there?")
                .thenApply(AddRaftVoterHandler::response);
    }

    private static AddRaftVoterResponseData response(Outcome outcome) {
        return new AddRaftVoterResponseData().setErrorCode(outcome.error().code()).setErrorMessage(outcome.message());
    }
}
