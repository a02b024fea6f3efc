package io.streambus.broker.handler.txn;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.ErrorMapper;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.coordinator.transaction.TransactionCoordinatorService;
import io.streambus.broker.coordinator.transaction.TransactionState;
import io.streambus.broker.coordinator.transaction.TransactionValue;
import io.streambus.storage.Time;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.message.ListTransactionsRequestData;
import org.apache.kafka.common.message.ListTransactionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * ListTransactions v0-2: every transactional id this broker coordinates, filtered by state names (unknown
 * names are echoed in {@code unknownStateFilters}), producer ids, v1 minimum running time
 * ({@code durationFilter} ms, ongoing transactions only) and v2 id pattern (a Java regex, as Kafka).
 *
 * <p>Threading: event loop; completes on a coordinator thread.
 */
public final class ListTransactionsHandler implements ApiHandler<ListTransactionsRequestData, ListTransactionsResponseData> {

    private final TransactionCoordinatorService coordinator;
    private final Time time;

    public ListTransactionsHandler(TransactionCoordinatorService coordinator, Time time) {
        this.coordinator = coordinator;
        this.time = time;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.LIST_TRANSACTIONS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 2;
    }

    @Override
    public CompletionStage<ListTransactionsResponseData> handle(RequestContext context, ListTransactionsRequestData request) {
        ListTransactionsResponseData response = new ListTransactionsResponseData().setErrorCode(Errors.NONE.code());
        Set<TransactionState> states = new HashSet<>();
        for (String name : request.stateFilters()) {
            TransactionState state = TransactionState.fromKafkaName(name);
            if (state == null) {
                response.unknownStateFilters().add(name);
            } else {
                states.add(state);
            }
        }
        Set<Long> producerIds = new HashSet<>(request.producerIdFilters());
        long minDurationMs = context.apiVersion() >= 1 ? request.durationFilter() : -1;
        Pattern pattern;
        try {
            String regex = context.apiVersion() >= 2 ? request.transactionalIdPattern() : null;
            pattern = regex == null || regex.isEmpty() ? null : Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return java.util.concurrent.CompletableFuture.completedFuture(
                    response.setErrorCode(Errors.INVALID_REGULAR_EXPRESSION.code()));
        }
        boolean hasStateFilter = !request.stateFilters().isEmpty();
        long nowMs = time.milliseconds();
        return coordinator.list().handle((listed, failure) -> {
            if (failure != null) {
                return response.setErrorCode(ErrorMapper.toError(failure).code());
            }
            for (TransactionCoordinatorService.Listed entry : listed) {
                TransactionValue value = entry.value();
                if ((hasStateFilter && !states.contains(value.state()))
                        || (!producerIds.isEmpty() && !producerIds.contains(value.producerId()))
                        || (minDurationMs >= 0 && (value.state() != TransactionState.ONGOING
                            || nowMs - value.txnStartTimestampMs() < minDurationMs))
                        || (pattern != null && !pattern.matcher(entry.transactionalId()).matches())) {
                    continue;
                }
                response.transactionStates().add(new ListTransactionsResponseData.TransactionState()
                        .setTransactionalId(entry.transactionalId()).setProducerId(value.producerId())
                        .setTransactionState(value.state().kafkaName()));
            }
            return response;
        });
    }
}
