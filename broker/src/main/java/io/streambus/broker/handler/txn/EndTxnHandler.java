package io.streambus.broker.handler.txn;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.ErrorMapper;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.coordinator.transaction.TransactionCoordinatorService;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.EndTxnRequestData;
import org.apache.kafka.common.message.EndTxnResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.RecordBatch;

/**
 * EndTxn v0-4 (transaction protocol version 1; v5, which bumps the epoch on every end, is not served, see
 * docs/decisions/0005). Answers once PrepareCommit/PrepareAbort is durable; the markers follow. Before v2
 * a fenced producer is told INVALID_PRODUCER_EPOCH, the code those clients know.
 *
 * <p>Threading: event loop; completes on a coordinator thread.
 */
public final class EndTxnHandler implements ApiHandler<EndTxnRequestData, EndTxnResponseData> {

    private final TransactionCoordinatorService coordinator;

    public EndTxnHandler(TransactionCoordinatorService coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.END_TXN;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 4;
    }

    @Override
    public CompletionStage<EndTxnResponseData> handle(RequestContext context, EndTxnRequestData request) {
        short version = context.apiVersion();
        return coordinator.endTxn(request.transactionalId(), request.producerId(), request.producerEpoch(),
                        request.committed())
                .exceptionally(ErrorMapper::toError)
                .thenApply(error -> new EndTxnResponseData().setErrorCode(compatible(error, version).code())
                        .setProducerId(RecordBatch.NO_PRODUCER_ID).setProducerEpoch(RecordBatch.NO_PRODUCER_EPOCH));
    }

    static Errors compatible(Errors error, short version) {
        return error == Errors.PRODUCER_FENCED && version < 2 ? Errors.INVALID_PRODUCER_EPOCH : error;
    }
}
