package io.streambus.broker.handler.txn;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.BrokerException;
import io.streambus.broker.api.ErrorMapper;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.handler.PartitionLookup;
import io.streambus.broker.partition.Partition;
import io.streambus.storage.ActiveProducer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DescribeProducersRequestData;
import org.apache.kafka.common.message.DescribeProducersResponseData;
import org.apache.kafka.common.message.DescribeProducersResponseData.PartitionResponse;
import org.apache.kafka.common.message.DescribeProducersResponseData.ProducerState;
import org.apache.kafka.common.message.DescribeProducersResponseData.TopicResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * DescribeProducers v0: the idempotent and transactional producers a partition's log remembers, with the
 * first offset of each one's open transaction. What {@code kafka-transactions.sh find-hanging} reads to
 * spot a transaction open in a partition but unknown to its coordinator.
 *
 * <p>Threading: event loop; each partition is read on its writer thread; completes there.
 */
public final class DescribeProducersHandler
        implements ApiHandler<DescribeProducersRequestData, DescribeProducersResponseData> {

    private final PartitionLookup lookup;

    public DescribeProducersHandler(PartitionLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_PRODUCERS;
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
    public CompletionStage<DescribeProducersResponseData> handle(RequestContext context,
                                                                 DescribeProducersRequestData request) {
        DescribeProducersResponseData response = new DescribeProducersResponseData();
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        for (DescribeProducersRequestData.TopicRequest topic : request.topics()) {
            TopicResponse topicResponse = new TopicResponse().setName(topic.name());
            response.topics().add(topicResponse);
            for (int index : topic.partitionIndexes()) {
                PartitionResponse partitionResponse = new PartitionResponse().setPartitionIndex(index);
                topicResponse.partitions().add(partitionResponse);
                try {
                    Partition partition = lookup.partition(topic.name(), index);
                    reads.add(lookup.replicas().activeProducers(partition).handle((producers, failure) -> {
                        if (failure != null) {
                            partitionResponse.setErrorCode(ErrorMapper.toError(failure).code());
                        } else {
                            partitionResponse.setErrorCode(Errors.NONE.code());
                            producers.forEach(p -> partitionResponse.activeProducers().add(state(p)));
                        }
                        return null;
                    }));
                } catch (BrokerException e) {
                    partitionResponse.setErrorCode(e.error().code()).setErrorMessage(e.getMessage());
                }
            }
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(ignored -> response);
    }

    private static ProducerState state(ActiveProducer producer) {
        return new ProducerState().setProducerId(producer.producerId()).setProducerEpoch(producer.producerEpoch())
                .setLastSequence(producer.lastSequence()).setLastTimestamp(producer.lastTimestampMs())
                .setCoordinatorEpoch(0).setCurrentTxnStartOffset(producer.currentTxnStartOffset());
    }
}
