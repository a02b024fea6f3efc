package io.streambus.metadata.controller;

import io.streambus.metadata.record.ConfigResource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;

/**
 * Sends an operation to the active controller when it runs on another node, as KRaft's brokers forward to
 * theirs. The broker implements it over the Kafka protocol; the active controller runs the operation as if it
 * had been asked directly, and answers once its records are committed. A forwarder fails with
 * {@link io.streambus.metadata.log.NotControllerException} when no controller is known (an election is on).
 */
public interface ControllerForwarder {

    CompletableFuture<List<CreateTopicResult>> createTopics(List<CreatableTopic> topics, boolean validateOnly);

    CompletableFuture<BrokerRegistrationResult> registerBroker(BrokerRegistrationRequest request);

    CompletableFuture<BrokerHeartbeatResult> brokerHeartbeat(BrokerHeartbeatRequest request);

    CompletableFuture<ProducerIdsResult> allocateProducerIds(int brokerId);

    /** DeleteTopics: results for the names first, then the ids, each in request order. */
    CompletableFuture<List<DeleteTopicResult>> deleteTopics(List<String> names, List<Uuid> ids);

    CompletableFuture<List<CreatePartitionsResult>> createPartitions(List<PartitionsIncrease> increases,
                                                                     boolean validateOnly);

    CompletableFuture<Map<ConfigResource, ApiError>> incrementalAlterConfigs(
            Map<ConfigResource, List<AlterConfigOp>> changes, boolean validateOnly);

    CompletableFuture<Map<ConfigResource, ApiError>> alterConfigs(Map<ConfigResource, Map<String, String>> configs,
                                                                  boolean validateOnly);
}
