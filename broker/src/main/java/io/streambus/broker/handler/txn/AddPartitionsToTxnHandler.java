package io.streambus.broker.handler.txn;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.ErrorMapper;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.coordinator.transaction.TransactionCoordinatorService;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.image.TopicImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTransaction;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResult;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData.AddPartitionsToTxnResult;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * AddPartitionsToTxn v0-5. v0-3 is the client form (one transaction; the partitions join it). v4-5 is
 * the broker form (KIP-890): a batch of transactions, each either added or, with {@code verifyOnly}, only
 * checked (NONE if the partition is in the ongoing transaction, else the coordinator's error).
 *
 * <p>Unknown partitions get UNKNOWN_TOPIC_OR_PARTITION and the others OPERATION_NOT_ATTEMPTED, as in Kafka;
 * a coordinator error goes to every partition of its transaction.
 *
 * <p>Threading: {@link #handle} on the event loop; completes on a coordinator thread.
 */
public final class AddPartitionsToTxnHandler
        implements ApiHandler<AddPartitionsToTxnRequestData, AddPartitionsToTxnResponseData> {

    private static final short FIRST_BROKER_VERSION = 4;

    private final TransactionCoordinatorService coordinator;
    private final Supplier<MetadataImage> metadata;

    public AddPartitionsToTxnHandler(TransactionCoordinatorService coordinator, Supplier<MetadataImage> metadata) {
        this.coordinator = coordinator;
        this.metadata = metadata;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.ADD_PARTITIONS_TO_TXN;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 5;
    }

    @Override
    public CompletionStage<AddPartitionsToTxnResponseData> handle(RequestContext context,
                                                                  AddPartitionsToTxnRequestData request) {
        if (context.apiVersion() < FIRST_BROKER_VERSION) {
            AddPartitionsToTxnTransaction single = new AddPartitionsToTxnTransaction()
                    .setTransactionalId(request.v3AndBelowTransactionalId())
                    .setProducerId(request.v3AndBelowProducerId())
                    .setProducerEpoch(request.v3AndBelowProducerEpoch())
                    .setTopics(request.v3AndBelowTopics());
            return handleOne(single).thenApply(result -> new AddPartitionsToTxnResponseData()
                    .setResultsByTopicV3AndBelow(result.topicResults()));
        }
        List<CompletableFuture<AddPartitionsToTxnResult>> results = new ArrayList<>();
        for (AddPartitionsToTxnTransaction txn : request.transactions()) {
            results.add(handleOne(txn));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            AddPartitionsToTxnResponseData response = new AddPartitionsToTxnResponseData()
                    .setErrorCode(Errors.NONE.code());
            results.forEach(result -> response.resultsByTransaction().add(result.join()));
            return response;
        });
    }

    private CompletableFuture<AddPartitionsToTxnResult> handleOne(AddPartitionsToTxnTransaction txn) {
        Set<TopicPartition> partitions = new HashSet<>();
        for (AddPartitionsToTxnTopic topic : txn.topics()) {
            for (int index : topic.partitions()) {
                partitions.add(new TopicPartition(topic.name(), index));
            }
        }
        Set<TopicPartition> unknown = unknownPartitions(partitions);
        if (!unknown.isEmpty()) {
            Map<TopicPartition, Errors> errors = new HashMap<>();
            partitions.forEach(tp -> errors.put(tp, unknown.contains(tp)
                    ? Errors.UNKNOWN_TOPIC_OR_PARTITION : Errors.OPERATION_NOT_ATTEMPTED));
            return CompletableFuture.completedFuture(result(txn.transactionalId(), errors));
        }
        CompletableFuture<Errors> outcome;
        if (txn.verifyOnly()) {
            List<CompletableFuture<Errors>> checks = new ArrayList<>();
            Map<TopicPartition, CompletableFuture<Errors>> byPartition = new HashMap<>();
            for (TopicPartition tp : partitions) {
                CompletableFuture<Errors> check = coordinator.verify(txn.transactionalId(), txn.producerId(),
                        txn.producerEpoch(), tp).exceptionally(ErrorMapper::toError);
                checks.add(check);
                byPartition.put(tp, check);
            }
            return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                Map<TopicPartition, Errors> errors = new HashMap<>();
                byPartition.forEach((tp, check) -> errors.put(tp, check.join()));
                return result(txn.transactionalId(), errors);
            });
        }
        outcome = coordinator.addPartitions(txn.transactionalId(), txn.producerId(), txn.producerEpoch(), partitions)
                .exceptionally(ErrorMapper::toError);
        return outcome.thenApply(error -> {
            Map<TopicPartition, Errors> errors = new HashMap<>();
            partitions.forEach(tp -> errors.put(tp, error));
            return result(txn.transactionalId(), errors);
        });
    }

    private Set<TopicPartition> unknownPartitions(Set<TopicPartition> partitions) {
        MetadataImage image = metadata.get();
        Set<TopicPartition> unknown = new HashSet<>();
        for (TopicPartition tp : partitions) {
            TopicImage topic = image.topics().topic(tp.topic());
            if (topic == null || topic.partition(tp.partition()) == null) {
                unknown.add(tp);
            }
        }
        return unknown;
    }

    private static AddPartitionsToTxnResult result(String transactionalId, Map<TopicPartition, Errors> errors) {
        AddPartitionsToTxnResult result = new AddPartitionsToTxnResult().setTransactionalId(transactionalId);
        Map<String, AddPartitionsToTxnTopicResult> byTopic = new HashMap<>();
        errors.forEach((tp, error) -> {
            AddPartitionsToTxnTopicResult topic = byTopic.computeIfAbsent(tp.topic(), name -> {
                AddPartitionsToTxnTopicResult created = new AddPartitionsToTxnTopicResult().setName(name);
                result.topicResults().add(created);
                return created;
            });
            topic.resultsByPartition().add(new AddPartitionsToTxnPartitionResult().setPartitionIndex(tp.partition())
                    .setPartitionErrorCode(error.code()));
        });
        return result;
    }
}
