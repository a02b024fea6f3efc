package io.streambus.broker.handler.txn;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.ErrorMapper;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.coordinator.group.GroupCoordinatorService;
import io.streambus.broker.coordinator.transaction.TransactionCoordinatorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * TxnOffsetCommit v0-4: offsets committed inside a transaction, visible to the group only once it commits.
 * First verified with the transaction coordinator (KIP-890 part 1: the group's offsets partition must be
 * in the producer's ongoing transaction, i.e. AddOffsetsToTxn came first), then written by the group
 * coordinator as a transactional batch. Threading: event loop; completes on a coordinator thread.
 */
public final class TxnOffsetCommitHandler implements ApiHandler<TxnOffsetCommitRequestData, TxnOffsetCommitResponseData> {

    private final GroupCoordinatorService groups;
    private final TransactionCoordinatorService transactions;

    public TxnOffsetCommitHandler(GroupCoordinatorService groups, TransactionCoordinatorService transactions) {
        this.groups = groups;
        this.transactions = transactions;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.TXN_OFFSET_COMMIT;
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
    public CompletionStage<TxnOffsetCommitResponseData> handle(RequestContext context, TxnOffsetCommitRequestData request) {
        TopicPartition offsetsPartition = new TopicPartition(GroupCoordinatorService.TOPIC,
                groups.partitionFor(request.groupId()));
        return transactions.verify(request.transactionalId(), request.producerId(), request.producerEpoch(),
                        offsetsPartition)
                .exceptionally(ErrorMapper::toError)
                .thenCompose(error -> error == Errors.NONE
                        ? groups.commitTransactionalOffsets(request)
                        : CompletableFuture.completedFuture(failed(request, error)));
    }

    private static TxnOffsetCommitResponseData failed(TxnOffsetCommitRequestData request, Errors error) {
        TxnOffsetCommitResponseData response = new TxnOffsetCommitResponseData();
        for (TxnOffsetCommitRequestData.TxnOffsetCommitRequestTopic topic : request.topics()) {
            TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic entry =
                    new TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic().setName(topic.name());
            for (TxnOffsetCommitRequestData.TxnOffsetCommitRequestPartition partition : topic.partitions()) {
                entry.partitions().add(new TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition()
                        .setPartitionIndex(partition.partitionIndex()).setErrorCode(error.code()));
            }
            response.topics().add(entry);
        }
        return response;
    }
}
