package io.streambus.broker.handler.txn;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.BrokerException;
import io.streambus.broker.api.ErrorMapper;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.coordinator.transaction.TransactionCoordinatorService;
import io.streambus.broker.handler.PartitionLookup;
import io.streambus.broker.partition.Partition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerPartitionResult;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerResult;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData.WritableTxnMarkerTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * WriteTxnMarkers v1: what a transaction coordinator sends the leaders of a transaction's partitions. On
 * one node the coordinator writes its markers directly ({@code TransactionMarkerWriter}); this serves the
 * API for completeness: each marker is written, made durable and, on {@code __consumer_offsets}, applied
 * to the group's pending offsets before its partition answers NONE.
 *
 * <p>Threading: event loop; completes on a writer, flusher or coordinator thread.
 */
public final class WriteTxnMarkersHandler implements ApiHandler<WriteTxnMarkersRequestData, WriteTxnMarkersResponseData> {

    private final PartitionLookup lookup;
    private final TransactionCoordinatorService coordinator;

    public WriteTxnMarkersHandler(PartitionLookup lookup, TransactionCoordinatorService coordinator) {
        this.lookup = lookup;
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.WRITE_TXN_MARKERS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 1;
    }

    @Override
    public CompletionStage<WriteTxnMarkersResponseData> handle(RequestContext context, WriteTxnMarkersRequestData request) {
        WriteTxnMarkersResponseData response = new WriteTxnMarkersResponseData();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (WriteTxnMarkersRequestData.WritableTxnMarker marker : request.markers()) {
            WritableTxnMarkerResult markerResult = new WritableTxnMarkerResult().setProducerId(marker.producerId());
            response.markers().add(markerResult);
            for (WriteTxnMarkersRequestData.WritableTxnMarkerTopic topic : marker.topics()) {
                WritableTxnMarkerTopicResult topicResult = new WritableTxnMarkerTopicResult().setName(topic.name());
                markerResult.topics().add(topicResult);
                for (int index : topic.partitionIndexes()) {
                    WritableTxnMarkerPartitionResult result = new WritableTxnMarkerPartitionResult()
                            .setPartitionIndex(index);
                    topicResult.partitions().add(result);
                    try {
                        Partition partition = lookup.partition(topic.name(), index);
                        writes.add(coordinator.writeMarker(partition, marker.producerId(), marker.producerEpoch(),
                                        marker.transactionResult())
                                .handle((ignored, failure) -> {
                                    result.setErrorCode((failure == null ? Errors.NONE : ErrorMapper.toError(failure))
                                            .code());
                                    return null;
                                }));
                    } catch (BrokerException e) {
                        result.setErrorCode(e.error().code());
                    }
                }
            }
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(ignored -> response);
    }
}
