package io.streambus.broker.handler.admin;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.metadata.config.ConfigResolver;
import io.streambus.metadata.config.ResolvedConfig;
import io.streambus.metadata.controller.ControllerService;
import io.streambus.metadata.controller.CreatableTopic;
import io.streambus.metadata.controller.CreateTopicResult;
import io.streambus.metadata.loader.MetadataLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableReplicaAssignment;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * CreateTopics v2..7. Validation and placement are the controller's; this class translates the request,
 * bounds the wait by {@code timeoutMs} and, from v5, reports partitions, replication factor and the
 * effective configs (with their sources) of each topic created or, with validateOnly, that would be created.
 * Stateless; runs on the event loop and completes on the controller thread.
 */
public final class CreateTopicsHandler implements ApiHandler<CreateTopicsRequestData, CreateTopicsResponseData> {

    private final ControllerService controller;
    private final MetadataLoader metadata;
    private final ConfigResolver resolver;
    private final ControllerDeadline deadline;

    public CreateTopicsHandler(ControllerService controller, MetadataLoader metadata, ConfigResolver resolver,
                        ControllerDeadline deadline) {
        this.controller = controller;
        this.metadata = metadata;
        this.resolver = resolver;
        this.deadline = deadline;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.CREATE_TOPICS;
    }

    @Override
    public short minVersion() {
        return 2;
    }

    @Override
    public short maxVersion() {
        return 7;
    }

    @Override
    public CompletionStage<CreateTopicsResponseData> handle(RequestContext context, CreateTopicsRequestData request) {
        List<CreatableTopic> topics = new ArrayList<>(request.topics().size());
        for (CreateTopicsRequestData.CreatableTopic topic : request.topics()) {
            Map<Integer, List<Integer>> assignments = new HashMap<>();
            for (CreatableReplicaAssignment assignment : topic.assignments()) {
                assignments.put(assignment.partitionIndex(), assignment.brokerIds());
            }
            Map<String, String> configs = new LinkedHashMap<>();
            for (CreatableTopicConfig config : topic.configs()) {
                configs.put(config.name(), config.value());
            }
            topics.add(new CreatableTopic(topic.name(), topic.numPartitions(), topic.replicationFactor(),
                    assignments, configs));
        }
        return deadline.within(controller.createTopics(topics, request.validateOnly()), request.timeoutMs(),
                        "Topic creation")
                .thenApply(results -> response(context.apiVersion(), topics, results));
    }

    private CreateTopicsResponseData response(short version, List<CreatableTopic> topics,
                                              List<CreateTopicResult> results) {
        CreateTopicsResponseData response = new CreateTopicsResponseData();
        for (int i = 0; i < results.size(); i++) {
            CreateTopicResult result = results.get(i);
            CreatableTopicResult topic = new CreatableTopicResult()
                    .setName(result.name())
                    .setErrorCode(result.error().error().code())
                    .setErrorMessage(result.error().isSuccess() ? null : result.error().messageOrDefault());
            if (result.error().isSuccess()) {
                topic.setTopicId(result.topicId())
                        .setNumPartitions(result.numPartitions())
                        .setReplicationFactor(result.replicationFactor());
                if (version >= 5) {
                    for (ResolvedConfig config : resolver.resolveTopic(metadata.current(), topics.get(i).configs())
                            .configs().values()) {
                        topic.configs().add(ConfigEntries.created(config));
                    }
                }
            }
            response.topics().add(topic);
        }
        return response;
    }
}
