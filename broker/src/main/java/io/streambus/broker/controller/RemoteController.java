package io.streambus.broker.controller;

import io.streambus.metadata.controller.ApiError;
import io.streambus.metadata.controller.BrokerHeartbeatRequest;
import io.streambus.metadata.controller.BrokerHeartbeatResult;
import io.streambus.metadata.controller.BrokerRegistrationRequest;
import io.streambus.metadata.controller.BrokerRegistrationResult;
import io.streambus.metadata.controller.ControllerForwarder;
import io.streambus.metadata.controller.CreatableTopic;
import io.streambus.metadata.controller.CreateTopicResult;
import io.streambus.metadata.controller.ProducerIdsBlock;
import io.streambus.metadata.controller.ProducerIdsResult;
import io.streambus.metadata.record.BrokerEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.AllocateProducerIdsRequestData;
import org.apache.kafka.common.message.AllocateProducerIdsResponseData;
import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.BrokerHeartbeatResponseData;
import org.apache.kafka.common.message.BrokerRegistrationRequestData;
import org.apache.kafka.common.message.BrokerRegistrationResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * Forwards controller operations to the active controller on another node, as Kafka requests over the
 * {@link ControllerChannel}: BrokerRegistration, BrokerHeartbeat and AllocateProducerIds (the APIs KRaft's
 * brokers send their controller) and CreateTopics. The answers are turned back into the controller's own result
 * types, so callers cannot tell a forwarded operation from a local one. Stateless; thread-safe.
 */
public final class RemoteController implements ControllerForwarder {

    static final short REGISTRATION_VERSION = 4;
    static final short HEARTBEAT_VERSION = 1;
    static final short ALLOCATE_PRODUCER_IDS_VERSION = 0;
    static final short CREATE_TOPICS_VERSION = 7;
    private static final int CREATE_TOPICS_TIMEOUT_MS = 30_000;

    private final ControllerChannel channel;
    private final String clusterId;

    public RemoteController(ControllerChannel channel, String clusterId) {
        this.channel = channel;
        this.clusterId = clusterId;
    }

    @Override
    public CompletableFuture<List<CreateTopicResult>> createTopics(List<CreatableTopic> topics, boolean validateOnly) {
        CreateTopicsRequestData.CreatableTopicCollection wire = new CreateTopicsRequestData.CreatableTopicCollection();
        for (CreatableTopic topic : topics) {
            CreateTopicsRequestData.CreatableTopic entry = new CreateTopicsRequestData.CreatableTopic()
                    .setName(topic.name()).setNumPartitions(topic.numPartitions())
                    .setReplicationFactor(topic.replicationFactor());
            for (Map.Entry<Integer, List<Integer>> assignment : topic.assignments().entrySet()) {
                entry.assignments().add(new CreateTopicsRequestData.CreatableReplicaAssignment()
                        .setPartitionIndex(assignment.getKey()).setBrokerIds(assignment.getValue()));
            }
            topic.configs().forEach((name, value) -> entry.configs().add(
                    new CreateTopicsRequestData.CreatableTopicConfig().setName(name).setValue(value)));
            wire.add(entry);
        }
        return channel.<CreateTopicsResponseData>send(ApiKeys.CREATE_TOPICS, CREATE_TOPICS_VERSION,
                new CreateTopicsRequestData().setTopics(wire).setTimeoutMs(CREATE_TOPICS_TIMEOUT_MS)
                        .setValidateOnly(validateOnly))
                .thenApply(response -> {
                    List<CreateTopicResult> results = new ArrayList<>(topics.size());
                    for (CreatableTopic topic : topics) {
                        CreateTopicsResponseData.CreatableTopicResult result = response.topics().find(topic.name());
                        results.add(result == null
                                ? new CreateTopicResult(topic.name(), ApiError.of(Errors.UNKNOWN_SERVER_ERROR,
                                        "the controller did not answer for " + topic.name()), null, -1, (short) -1)
                                : new CreateTopicResult(topic.name(), error(result.errorCode(), result.errorMessage()),
                                        result.topicId(), result.numPartitions(), result.replicationFactor()));
                    }
                    return results;
                });
    }

    @Override
    public CompletableFuture<BrokerRegistrationResult> registerBroker(BrokerRegistrationRequest request) {
        BrokerRegistrationRequestData.ListenerCollection listeners = new BrokerRegistrationRequestData.ListenerCollection();
        for (BrokerEndpoint endpoint : request.endpoints()) {
            listeners.add(new BrokerRegistrationRequestData.Listener().setName(endpoint.listener())
                    .setHost(endpoint.host()).setPort(endpoint.port())
                    .setSecurityProtocol(SecurityProtocol.PLAINTEXT.id));
        }
        return channel.<BrokerRegistrationResponseData>send(ApiKeys.BROKER_REGISTRATION, REGISTRATION_VERSION,
                new BrokerRegistrationRequestData().setBrokerId(request.brokerId()).setClusterId(clusterId)
                        .setIncarnationId(request.incarnation()).setListeners(listeners).setRack(request.rack()))
                .thenApply(response -> new BrokerRegistrationResult(error(response.errorCode(), null),
                        response.brokerEpoch()));
    }

    @Override
    public CompletableFuture<BrokerHeartbeatResult> brokerHeartbeat(BrokerHeartbeatRequest request) {
        return channel.<BrokerHeartbeatResponseData>send(ApiKeys.BROKER_HEARTBEAT, HEARTBEAT_VERSION,
                new BrokerHeartbeatRequestData().setBrokerId(request.brokerId()).setBrokerEpoch(request.brokerEpoch())
                        .setCurrentMetadataOffset(request.currentMetadataOffset()).setWantFence(request.wantFence())
                        .setWantShutDown(request.wantShutDown()))
                .thenApply(response -> new BrokerHeartbeatResult(error(response.errorCode(), null),
                        response.isCaughtUp(), response.isFenced(), response.shouldShutDown()));
    }

    @Override
    public CompletableFuture<ProducerIdsResult> allocateProducerIds(int brokerId) {
        return channel.<AllocateProducerIdsResponseData>send(ApiKeys.ALLOCATE_PRODUCER_IDS,
                ALLOCATE_PRODUCER_IDS_VERSION, new AllocateProducerIdsRequestData().setBrokerId(brokerId))
                .thenApply(response -> {
                    ApiError error = error(response.errorCode(), null);
                    return new ProducerIdsResult(error, error.isFailure() ? null
                            : new ProducerIdsBlock(brokerId, response.producerIdStart(), response.producerIdLen()));
                });
    }

    private static ApiError error(short code, String message) {
        Errors error = Errors.forCode(code);
        return error == Errors.NONE ? ApiError.NONE : ApiError.of(error, message);
    }
}
