package io.streambus.broker.handler.txn;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.ErrorMapper;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.coordinator.group.GroupCoordinatorService;
import io.streambus.broker.coordinator.transaction.TransactionCoordinatorService;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.AddOffsetsToTxnRequestData;
import org.apache.kafka.common.message.AddOffsetsToTxnResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * AddOffsetsToTxn v0-4: the group's {@code __consumer_offsets} partition joins the transaction, so its
 * TxnOffsetCommit is allowed and the commit marker reaches it. Threading: event loop; completes on a
 * coordinator thread.
 */
public final class AddOffsetsToTxnHandler implements ApiHandler<AddOffsetsToTxnRequestData, AddOffsetsToTxnResponseData> {

    private final TransactionCoordinatorService coordinator;
    private final GroupCoordinatorService groups;

    public AddOffsetsToTxnHandler(TransactionCoordinatorService coordinator, GroupCoordinatorService groups) {
        this.coordinator = coordinator;
        this.groups = groups;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.ADD_OFFSETS_TO_TXN;
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
    public CompletionStage<AddOffsetsToTxnResponseData> handle(RequestContext context, AddOffsetsToTxnRequestData request) {
        return coordinator.addOffsets(request.transactionalId(), request.producerId(), request.producerEpoch(),
                        groups.partitionFor(request.groupId()))
                .exceptionally(ErrorMapper::toError)
                .thenApply(error -> new AddOffsetsToTxnResponseData().setErrorCode(error.code()));
    }
}
