package io.streambus.broker.controller;

import io.streambus.metadata.controller.AlterConfigOp;
import io.streambus.metadata.controller.ApiError;
import io.streambus.metadata.controller.BrokerHeartbeatRequest;
import io.streambus.metadata.controller.BrokerHeartbeatResult;
import io.streambus.metadata.controller.BrokerRegistrationRequest;
import io.streambus.metadata.controller.BrokerRegistrationResult;
import io.streambus.metadata.controller.ControllerForwarder;
import io.streambus.metadata.controller.CreatableTopic;
import io.streambus.metadata.controller.CreatePartitionsResult;
import io.streambus.metadata.controller.CreateTopicResult;
import io.streambus.metadata.controller.DeleteTopicResult;
import io.streambus.metadata.controller.PartitionsIncrease;
import io.streambus.metadata.controller.ProducerIdsBlock;
import io.streambus.metadata.controller.ProducerIdsResult;
import io.streambus.metadata.record.BrokerEndpoint;
import io.streambus.metadata.record.ConfigResource;
import io.streambus.metadata.record.ConfigResourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AllocateProducerIdsRequestData;
import org.apache.kafka.common.message.AllocateProducerIdsResponseData;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.BrokerHeartbeatResponseData;
import org.apache.kafka.common.message.BrokerRegistrationRequestData;
import org.apache.kafka.common.message.BrokerRegistrationResponseData;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * Forwards controller operations to the active controller on another node, as Kafka requests over the
 * {@link ControllerChannel}: BrokerRegistration, BrokerHeartbeat and AllocateProducerIds (the APIs KRaft's
 * brokers send their controller), and the topic, partition and config changes clients may send any broker. The
 * answers are turned back into the controller's own result
 * types, so callers cannot tell a forwarded operation from a local one. Stateless; thread-safe.
 */
public final class RemoteController implements ControllerForwarder {

    static final short REGISTRATION_VERSION = 4;
    static final short HEARTBEAT_VERSION = 1;
    static final short ALLOCATE_PRODUCER_IDS_VERSION = 0;
    static final short CREATE_TOPICS_VERSION = 7;
    static final short DELETE_TOPICS_VERSION = 6;
    static final short CREATE_PARTITIONS_VERSION = 3;
    static final short INCREMENTAL_ALTER_CONFIGS_VERSION = 1;
    static final short ALTER_CONFIGS_VERSION = 2;
    private static final int CONTROLLER_TIMEOUT_MS = 30_000;

    private final ControllerChannel lifecycle;
    private final ControllerChannel admin;
    private final String clusterId;

    /**
     * @param lifecycle the channel for this broker's own registration, heartbeats and producer-id blocks
     * @param admin     the channel for the changes clients ask for, which may take long (a topic with many
     *                  partitions, a voter catching up): kept apart so heartbeats never wait behind them
     */
    public RemoteController(ControllerChannel lifecycle, ControllerChannel admin, String clusterId) {
        this.lifecycle = lifecycle;
        this.admin = admin;
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
        return admin.<CreateTopicsResponseData>send(ApiKeys.CREATE_TOPICS, CREATE_TOPICS_VERSION,
                new CreateTopicsRequestData().setTopics(wire).setTimeoutMs(CONTROLLER_TIMEOUT_MS)
                        .setValidateOnly(validateOnly))
                .thenApply(response -> {
                    List<CreateTopicResult> results = new ArrayList<>(topics.size());
                    for (CreatableTopic topic : topics) {
                        CreateTopicsResponseData.CreatableTopicResult result = response.topics().find(topic.name());
                        results.add(result == null
                                ? new CreateTopicResult(topic.name(), unanswered(topic.name()), null, -1, (short) -1)
                                : new CreateTopicResult(topic.name(), error(result.errorCode(), result.errorMessage()),
                                        result.topicId(), result.numPartitions(), result.replicationFactor()));
                    }
                    return results;
                });
    }

    @Override
    public CompletableFuture<List<DeleteTopicResult>> deleteTopics(List<String> names, List<Uuid> ids) {
        DeleteTopicsRequestData request = new DeleteTopicsRequestData().setTimeoutMs(CONTROLLER_TIMEOUT_MS);
        names.forEach(name -> request.topics().add(new DeleteTopicsRequestData.DeleteTopicState().setName(name)));
        ids.forEach(id -> request.topics().add(new DeleteTopicsRequestData.DeleteTopicState().setTopicId(id)));
        return admin.<DeleteTopicsResponseData>send(ApiKeys.DELETE_TOPICS, DELETE_TOPICS_VERSION, request)
                .thenApply(response -> {
                    Map<String, DeleteTopicsResponseData.DeletableTopicResult> byName = new HashMap<>();
                    Map<Uuid, DeleteTopicsResponseData.DeletableTopicResult> byId = new HashMap<>();
                    for (DeleteTopicsResponseData.DeletableTopicResult result : response.responses()) {
                        if (result.name() != null) {
                            byName.putIfAbsent(result.name(), result);
                        }
                        byId.putIfAbsent(result.topicId(), result);
                    }
                    List<DeleteTopicResult> results = new ArrayList<>(names.size() + ids.size());
                    names.forEach(name -> results.add(deleted(byName.get(name), name, Uuid.ZERO_UUID)));
                    ids.forEach(id -> results.add(deleted(byId.get(id), null, id)));
                    return results;
                });
    }

    private static DeleteTopicResult deleted(DeleteTopicsResponseData.DeletableTopicResult result, String name,
                                             Uuid id) {
        return result == null
                ? new DeleteTopicResult(name, id, unanswered(name != null ? name : id.toString()))
                : new DeleteTopicResult(result.name(), result.topicId(),
                        error(result.errorCode(), result.errorMessage()));
    }

    @Override
    public CompletableFuture<List<CreatePartitionsResult>> createPartitions(List<PartitionsIncrease> increases,
                                                                            boolean validateOnly) {
        CreatePartitionsRequestData request = new CreatePartitionsRequestData().setTimeoutMs(CONTROLLER_TIMEOUT_MS)
                .setValidateOnly(validateOnly);
        for (PartitionsIncrease increase : increases) {
            CreatePartitionsRequestData.CreatePartitionsTopic topic = new CreatePartitionsRequestData
                    .CreatePartitionsTopic().setName(increase.topic()).setCount(increase.totalCount())
                    .setAssignments(increase.assignments().isEmpty() ? null : new ArrayList<>());
            increase.assignments().forEach(brokers -> topic.assignments().add(
                    new CreatePartitionsRequestData.CreatePartitionsAssignment().setBrokerIds(brokers)));
            request.topics().add(topic);
        }
        return admin.<CreatePartitionsResponseData>send(ApiKeys.CREATE_PARTITIONS, CREATE_PARTITIONS_VERSION,
                request).thenApply(response -> {
                    Map<String, CreatePartitionsResponseData.CreatePartitionsTopicResult> byName = new HashMap<>();
                    response.results().forEach(result -> byName.putIfAbsent(result.name(), result));
                    List<CreatePartitionsResult> results = new ArrayList<>(increases.size());
                    for (PartitionsIncrease increase : increases) {
                        CreatePartitionsResponseData.CreatePartitionsTopicResult result = byName.get(increase.topic());
                        results.add(new CreatePartitionsResult(increase.topic(), result == null
                                ? unanswered(increase.topic()) : error(result.errorCode(), result.errorMessage())));
                    }
                    return results;
                });
    }

    @Override
    public CompletableFuture<Map<ConfigResource, ApiError>> incrementalAlterConfigs(
            Map<ConfigResource, List<AlterConfigOp>> changes, boolean validateOnly) {
        IncrementalAlterConfigsRequestData request = new IncrementalAlterConfigsRequestData()
                .setValidateOnly(validateOnly);
        changes.forEach((resource, ops) -> {
            IncrementalAlterConfigsRequestData.AlterConfigsResource entry = new IncrementalAlterConfigsRequestData
                    .AlterConfigsResource().setResourceType(resource.type().id()).setResourceName(resource.name());
            ops.forEach(op -> entry.configs().add(new IncrementalAlterConfigsRequestData.AlterableConfig()
                    .setName(op.key()).setConfigOperation(op.op().id()).setValue(op.value())));
            request.resources().add(entry);
        });
        return admin.<IncrementalAlterConfigsResponseData>send(ApiKeys.INCREMENTAL_ALTER_CONFIGS,
                INCREMENTAL_ALTER_CONFIGS_VERSION, request).thenApply(response -> {
                    Map<ConfigResource, ApiError> answered = new HashMap<>();
                    response.responses().forEach(result -> answered.put(resource(result.resourceType(),
                            result.resourceName()), error(result.errorCode(), result.errorMessage())));
                    return inRequestOrder(changes.keySet(), answered);
                });
    }

    @Override
    public CompletableFuture<Map<ConfigResource, ApiError>> alterConfigs(
            Map<ConfigResource, Map<String, String>> configs, boolean validateOnly) {
        AlterConfigsRequestData request = new AlterConfigsRequestData().setValidateOnly(validateOnly);
        configs.forEach((resource, values) -> {
            AlterConfigsRequestData.AlterConfigsResource entry = new AlterConfigsRequestData.AlterConfigsResource()
                    .setResourceType(resource.type().id()).setResourceName(resource.name());
            values.forEach((name, value) -> entry.configs().add(new AlterConfigsRequestData.AlterableConfig()
                    .setName(name).setValue(value)));
            request.resources().add(entry);
        });
        return admin.<AlterConfigsResponseData>send(ApiKeys.ALTER_CONFIGS, ALTER_CONFIGS_VERSION, request)
                .thenApply(response -> {
                    Map<ConfigResource, ApiError> answered = new HashMap<>();
                    response.responses().forEach(result -> answered.put(resource(result.resourceType(),
                            result.resourceName()), error(result.errorCode(), result.errorMessage())));
                    return inRequestOrder(configs.keySet(), answered);
                });
    }

    private static ConfigResource resource(byte type, String name) {
        try {
            return new ConfigResource(ConfigResourceType.fromId(type), name);
        } catch (IllegalArgumentException e) {
            return null; // a type this node never asked about: left out, and the asked-for one reads as unanswered
        }
    }

    private static Map<ConfigResource, ApiError> inRequestOrder(Iterable<ConfigResource> asked,
                                                                Map<ConfigResource, ApiError> answered) {
        Map<ConfigResource, ApiError> results = new LinkedHashMap<>();
        for (ConfigResource resource : asked) {
            results.put(resource, answered.getOrDefault(resource, unanswered(resource.name())));
        }
        return results;
    }

    private static ApiError unanswered(String what) {
        return ApiError.of(Errors.UNKNOWN_SERVER_ERROR, "the controller did not answer for " + what);
    }

    @Override
    public CompletableFuture<BrokerRegistrationResult> registerBroker(BrokerRegistrationRequest request) {
        BrokerRegistrationRequestData.ListenerCollection listeners = new BrokerRegistrationRequestData.ListenerCollection();
        for (BrokerEndpoint endpoint : request.endpoints()) {
            listeners.add(new BrokerRegistrationRequestData.Listener().setName(endpoint.listener())
                    .setHost(endpoint.host()).setPort(endpoint.port())
                    .setSecurityProtocol(SecurityProtocol.PLAINTEXT.id));
        }
        return lifecycle.<BrokerRegistrationResponseData>send(ApiKeys.BROKER_REGISTRATION, REGISTRATION_VERSION,
                new BrokerRegistrationRequestData().setBrokerId(request.brokerId()).setClusterId(clusterId)
                        .setIncarnationId(request.incarnation()).setListeners(listeners).setRack(request.rack()))
                .thenApply(response -> new BrokerRegistrationResult(error(response.errorCode(), null),
                        response.brokerEpoch()));
    }

    @Override
    public CompletableFuture<BrokerHeartbeatResult> brokerHeartbeat(BrokerHeartbeatRequest request) {
        return lifecycle.<BrokerHeartbeatResponseData>send(ApiKeys.BROKER_HEARTBEAT, HEARTBEAT_VERSION,
                new BrokerHeartbeatRequestData().setBrokerId(request.brokerId()).setBrokerEpoch(request.brokerEpoch())
                        .setCurrentMetadataOffset(request.currentMetadataOffset()).setWantFence(request.wantFence())
                        .setWantShutDown(request.wantShutDown()))
                .thenApply(response -> new BrokerHeartbeatResult(error(response.errorCode(), null),
                        response.isCaughtUp(), response.isFenced(), response.shouldShutDown()));
    }

    @Override
    public CompletableFuture<ProducerIdsResult> allocateProducerIds(int brokerId) {
        return lifecycle.<AllocateProducerIdsResponseData>send(ApiKeys.ALLOCATE_PRODUCER_IDS,
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
