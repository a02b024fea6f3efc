package io.streambus.metadata.controller;

import java.util.List;
import java.util.concurrent.CompletableFuture;

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
}
