package io.streambus.broker.handler.producer;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.ErrorMapper;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.coordinator.transaction.TransactionCoordinatorService;
import io.streambus.broker.producer.ProducerIdManager;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.RecordBatch;

/**
 * InitProducerId (v0 to v5) for idempotent producers: a fresh producer id at epoch 0.
 *
 * <p>The KIP-360 form (v3+, producerId and epoch given) is answered the way Kafka answers it for a
 * producer without a transactional id: with a new producer id at epoch 0, since an idempotent producer's
 * sequence state is tied to nothing else it could resume.
 *
 * <p>Transactional producers go to the transaction coordinator: a new id, or the id's producer with its
 * epoch bumped (fencing older instances; an ongoing transaction is aborted first and the client told
 * CONCURRENT_TRANSACTIONS, which it retries). An empty transactional id is INVALID_REQUEST. Before v4 a
 * fenced producer is told INVALID_PRODUCER_EPOCH. v6 (two-phase commit, KIP-939) is unstable in Kafka and
 * not served.
 *
 * <p>Threading: {@link #handle} on the event loop; completes there or on the controller's thread.
 */
public final class InitProducerIdHandler implements ApiHandler<InitProducerIdRequestData, InitProducerIdResponseData> {

    private final ProducerIdManager producerIds;
    private final TransactionCoordinatorService transactions;

    public InitProducerIdHandler(ProducerIdManager producerIds, TransactionCoordinatorService transactions) {
        this.producerIds = producerIds;
        this.transactions = transactions;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.INIT_PRODUCER_ID;
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
    public CompletionStage<InitProducerIdResponseData> handle(RequestContext context, InitProducerIdRequestData request) {
        if (request.transactionalId() != null) {
            if (request.transactionalId().isEmpty()) {
                return CompletableFuture.completedFuture(error(Errors.INVALID_REQUEST));
            }
            short version = context.apiVersion();
            return transactions.initProducerId(request.transactionalId(), request.transactionTimeoutMs(),
                    request.producerId(), request.producerEpoch()).handle((result, failure) -> {
                        Errors error = failure != null ? ErrorMapper.toError(failure) : result.error();
                        if (error != Errors.NONE) {
                            return error(error == Errors.PRODUCER_FENCED && version < 4
                                    ? Errors.INVALID_PRODUCER_EPOCH : error);
                        }
                        return new InitProducerIdResponseData().setErrorCode(Errors.NONE.code())
                                .setProducerId(result.producerId()).setProducerEpoch(result.producerEpoch());
                    });
        }
        return producerIds.nextProducerId().handle((id, failure) -> failure != null
                ? error(ErrorMapper.toError(failure))
                : new InitProducerIdResponseData().setErrorCode(Errors.NONE.code())
                        .setProducerId(id).setProducerEpoch((short) 0));
    }

    private static InitProducerIdResponseData error(Errors error) {
        return new InitProducerIdResponseData().setErrorCode(error.code())
                .setProducerId(RecordBatch.NO_PRODUCER_ID).setProducerEpoch(RecordBatch.NO_PRODUCER_EPOCH);
    }
}
