package io.streambus.broker.handler.txn;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.ErrorMapper;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.coordinator.transaction.TransactionCoordinatorService;
import io.streambus.broker.coordinator.transaction.TransactionValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DescribeTransactionsRequestData;
import org.apache.kafka.common.message.DescribeTransactionsResponseData;
import org.apache.kafka.common.message.DescribeTransactionsResponseData.TopicData;
import org.apache.kafka.common.message.DescribeTransactionsResponseData.TransactionState;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * DescribeTransactions v0: state, producer id and epoch, timeout, start time and partitions of each id;
 * TRANSACTIONAL_ID_NOT_FOUND for unknown ones. Threading: event loop; completes on a coordinator thread.
 */
public final class DescribeTransactionsHandler
        implements ApiHandler<DescribeTransactionsRequestData, DescribeTransactionsResponseData> {

    private final TransactionCoordinatorService coordinator;

    public DescribeTransactionsHandler(TransactionCoordinatorService coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_TRANSACTIONS;
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
    public CompletionStage<DescribeTransactionsResponseData> handle(RequestContext context,
                                                                    DescribeTransactionsRequestData request) {
        List<CompletableFuture<TransactionState>> states = new ArrayList<>();
        for (String id : request.transactionalIds()) {
            states.add(coordinator.describe(id).handle((value, failure) -> failure != null
                    ? new TransactionState().setTransactionalId(id).setErrorCode(ErrorMapper.toError(failure).code())
                    : describe(id, value)));
        }
        return CompletableFuture.allOf(states.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            DescribeTransactionsResponseData response = new DescribeTransactionsResponseData();
            states.forEach(state -> response.transactionStates().add(state.join()));
            return response;
        });
    }

    private static TransactionState describe(String id, TransactionValue value) {
        TransactionState state = new TransactionState().setTransactionalId(id);
        if (value == null) {
            return state.setErrorCode(Errors.TRANSACTIONAL_ID_NOT_FOUND.code());
        }
        state.setErrorCode(Errors.NONE.code()).setTransactionState(value.state().kafkaName())
                .setTransactionTimeoutMs(value.timeoutMs()).setTransactionStartTimeMs(value.txnStartTimestampMs())
                .setProducerId(value.producerId()).setProducerEpoch(value.producerEpoch());
        Map<String, TopicData> byTopic = new HashMap<>();
        for (TopicPartition tp : value.partitions()) {
            byTopic.computeIfAbsent(tp.topic(), name -> {
                TopicData topic = new TopicData().setTopic(name);
                state.topics().add(topic);
                return topic;
            }).partitions().add(tp.partition());
        }
        return state;
    }
}
