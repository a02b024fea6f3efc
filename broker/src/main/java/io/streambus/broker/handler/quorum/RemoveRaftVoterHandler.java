package io.streambus.broker.handler.quorum;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.controller.ControllerChannel;
import io.streambus.broker.handler.quorum.VoterChanges.Outcome;
import io.streambus.metadata.log.raft.RatisMetadataLog;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.RemoveRaftVoterRequestData;
import org.apache.kafka.common.message.RemoveRaftVoterResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * RemoveRaftVoter v0 (KIP-853), what Admin's {@code removeRaftVoter} and {@code kafka-metadata-quorum
 * remove-controller} send: the Raft leader commits the configuration without the voter and answers once it is
 * committed; removing the leader itself makes it step down. Requests reaching another node are forwarded to the
 * leader. The request has no timeout of its own, so the change waits at most {@link #TIMEOUT_MS}.
 */
public final class RemoveRaftVoterHandler implements ApiHandler<RemoveRaftVoterRequestData, RemoveRaftVoterResponseData> {

    static final long TIMEOUT_MS = 30_000;

    private final VoterChanges changes;

    public RemoveRaftVoterHandler(String clusterId, RatisMetadataLog quorum, Optional<ControllerChannel> leaderChannel) {
        this.changes = new VoterChanges(clusterId, quorum, leaderChannel);
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.REMOVE_RAFT_VOTER;
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
    public CompletionStage<RemoveRaftVoterResponseData> handle(RequestContext context,
                                                               RemoveRaftVoterRequestData request) {
        Optional<Outcome> refused = changes.checkClusterId(request.clusterId());
        if (refused.isEmpty() && changes.forwards()) {
            return changes.forward(ApiKeys.REMOVE_RAFT_VOTER, context.apiVersion(), request);
        }
        if (refused.isEmpty()) {
            refused = VoterChanges.checkDirectoryId(request.voterDirectoryId());
        }
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(response(refused.get()));
        }
        return VoterChanges.await(() -> changes.quorum().removeVoter(request.voterId()), TIMEOUT_MS,
                "The configuration without voter " + request.voterId() + " did not commit within " + TIMEOUT_MS + " ms")
                .thenApply(RemoveRaftVoterHandler::response);
    }

    private static RemoveRaftVoterResponseData response(Outcome outcome) {
        return new RemoveRaftVoterResponseData().setErrorCode(outcome.error().code())
                .setErrorMessage(outcome.message());
    }
}
