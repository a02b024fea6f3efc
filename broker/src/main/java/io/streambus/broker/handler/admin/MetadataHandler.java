package io.streambus.broker.handler.admin;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.metadata.controller.ApiError;
import io.streambus.metadata.controller.TopicNames;
import io.streambus.metadata.image.BrokerRegistration;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.image.PartitionRegistration;
import io.streambus.metadata.image.TopicImage;
import io.streambus.metadata.loader.MetadataLoader;
import io.streambus.metadata.record.BrokerEndpoint;
import io.streambus.storage.LogId;
import io.streambus.storage.LogManager;
import java.util.function.IntSupplier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataRequestData.MetadataRequestTopic;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * Metadata v0..13: brokers reachable on the request's listener, cluster and controller id, and topics with
 * their partitions, read from one metadata image. Unknown valid names are created when
 * {@code auto.create.topics.enable} is on and the request allows it (always before v4); the response then
 * waits for the controller's commit (without blocking the event loop) and describes the new topics, so
 * clients need no retry.
 *
 * <p>Threading: stateless apart from its collaborators; runs on the event loop, completes either there or on
 * the controller thread after an auto-creation.
 */
public final class MetadataHandler implements ApiHandler<MetadataRequestData, MetadataResponseData> {

    private final int nodeId;
    private final IntSupplier controllerId;
    private final String clusterId;
    private final MetadataLoader metadata;
    private final OfflineReplicas offlineReplicas;
    private final AutoTopicCreator autoCreator;

    public MetadataHandler(int nodeId, String clusterId, MetadataLoader metadata, LogManager logs,
                           AutoTopicCreator autoCreator, IntSupplier controllerId) {
        this.controllerId = controllerId;
        this.nodeId = nodeId;
        this.clusterId = clusterId;
        this.metadata = metadata;
        this.offlineReplicas = new OfflineReplicas(nodeId, logs);
        this.autoCreator = autoCreator;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.METADATA;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 13;
    }

    @Override
    public CompletionStage<MetadataResponseData> handle(RequestContext context, MetadataRequestData request) {
        short version = context.apiVersion();
        MetadataImage image = metadata.current();
        // v0 has no null array: an empty list there means "all topics".
        boolean allTopics = request.topics() == null || (version == 0 && request.topics().isEmpty());
        if (allTopics) {
            return CompletableFuture.completedFuture(response(context, request, image, null, Map.of()));
        }
        boolean autoCreateAllowed = version < 4 || request.allowAutoTopicCreation();
        List<String> toCreate = new ArrayList<>();
        for (MetadataRequestTopic topic : request.topics()) {
            if (usesTopicId(version, topic) || topic.name() == null) {
                continue;
            }
            if (image.topics().topic(topic.name()) == null && autoCreator.shouldCreate(topic.name(), autoCreateAllowed)
                    && !toCreate.contains(topic.name())) {
                toCreate.add(topic.name());
            }
        }
        if (toCreate.isEmpty()) {
            return CompletableFuture.completedFuture(response(context, request, image, request.topics(), Map.of()));
        }
        return autoCreator.create(toCreate).thenApply(failures ->
                response(context, request, metadata.current(), request.topics(), failures));
    }

    private MetadataResponseData response(RequestContext context, MetadataRequestData request, MetadataImage image,
                                          List<MetadataRequestTopic> requested, Map<String, ApiError> createFailures) {
        short version = context.apiVersion();
        boolean includeTopicOperations = version >= 8 && request.includeTopicAuthorizedOperations();
        MetadataResponseData response = new MetadataResponseData()
                .setClusterId(clusterId)
                .setControllerId(controllerId.getAsInt())
                .setClusterAuthorizedOperations(version >= 8 && version <= 10
                        && request.includeClusterAuthorizedOperations()
                        ? AuthorizedOperations.CLUSTER : AuthorizedOperations.NOT_REQUESTED);
        for (BrokerRegistration broker : image.cluster().unfencedBrokers()) { // as Kafka: fenced brokers are left out
            Optional<BrokerEndpoint> endpoint = broker.endpoint(context.listenerName());
            endpoint.ifPresent(e -> response.brokers().add(new MetadataResponseBroker()
                    .setNodeId(broker.id()).setHost(e.host()).setPort(e.port()).setRack(broker.rack())));
        }
        Set<LogId> offlineLogs = offlineReplicas.offlineLogs();
        if (requested == null) {
            for (TopicImage topic : image.topics().byName().values()) {
                response.topics().add(describe(topic, image, context.listenerName(), offlineLogs,
                        includeTopicOperations));
            }
            return response;
        }
        Set<Object> seen = new LinkedHashSet<>();
        for (MetadataRequestTopic wanted : requested) {
            boolean byId = usesTopicId(version, wanted);
            if (!seen.add(byId ? wanted.topicId() : wanted.name())) {
                continue;
            }
            TopicImage topic = byId ? image.topics().topic(wanted.topicId())
                    : wanted.name() == null ? null : image.topics().topic(wanted.name());
            if (topic != null) {
                response.topics().add(describe(topic, image, context.listenerName(), offlineLogs,
                        includeTopicOperations));
            } else if (byId || wanted.name() == null) {
                response.topics().add(failed(Errors.UNKNOWN_TOPIC_ID, version >= 12 ? null : "", wanted.topicId()));
            } else {
                response.topics().add(failed(missingTopicError(wanted.name(), createFailures), wanted.name(),
                        Uuid.ZERO_UUID));
            }
        }
        return response;
    }

    private static boolean usesTopicId(short version, MetadataRequestTopic topic) {
        return version >= 10 && !Uuid.ZERO_UUID.equals(topic.topicId());
    }

    private static Errors missingTopicError(String name, Map<String, ApiError> createFailures) {
        if (TopicNames.invalidReason(name) != null) {
            return Errors.INVALID_TOPIC_EXCEPTION;
        }
        ApiError failure = createFailures.get(name);
        return failure != null ? failure.error() : Errors.UNKNOWN_TOPIC_OR_PARTITION;
    }

    private static MetadataResponseTopic failed(Errors error, String name, Uuid topicId) {
        return new MetadataResponseTopic().setErrorCode(error.code()).setName(name).setTopicId(topicId)
                .setIsInternal(name != null && TopicImage.isInternal(name));
    }

    private MetadataResponseTopic describe(TopicImage topic, MetadataImage image, String listener,
                                           Set<LogId> offlineLogs, boolean includeOperations) {
        MetadataResponseTopic result = new MetadataResponseTopic()
                .setErrorCode(Errors.NONE.code())
                .setName(topic.name())
                .setTopicId(topic.id())
                .setIsInternal(topic.internal())
                .setTopicAuthorizedOperations(includeOperations ? AuthorizedOperations.TOPIC
                        : AuthorizedOperations.NOT_REQUESTED);
        topic.partitions().forEach((index, registration) ->
                result.partitions().add(partition(topic.name(), index, registration, image, listener, offlineLogs)));
        return result;
    }

    private MetadataResponsePartition partition(String topic, int index, PartitionRegistration registration,
                                                MetadataImage image, String listener, Set<LogId> offlineLogs) {
        MetadataResponsePartition result = new MetadataResponsePartition()
                .setPartitionIndex(index)
                .setLeaderId(registration.leader())
                .setLeaderEpoch(registration.leaderEpoch())
                .setReplicaNodes(registration.replicas())
                .setIsrNodes(registration.isr())
                .setOfflineReplicas(offlineReplicas.of(topic, index, registration, image, offlineLogs));
        Optional<BrokerRegistration> leader = registration.hasLeader()
                ? image.cluster().broker(registration.leader()) : Optional.empty();
        Errors error = Errors.NONE;
        if (leader.isEmpty()) {
            error = Errors.LEADER_NOT_AVAILABLE;
        } else if (leader.get().endpoint(listener).isEmpty()) {
            // Kafka's answer when the leader is up but cannot be reached through the client's listener.
            error = Errors.LISTENER_NOT_FOUND;
        }
        if (error != Errors.NONE) {
            result.setErrorCode(error.code()).setLeaderId(PartitionRegistration.NO_LEADER);
        }
        return result;
    }
}
