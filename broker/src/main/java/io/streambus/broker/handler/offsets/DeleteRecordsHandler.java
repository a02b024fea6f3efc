package io.streambus.broker.handler.offsets;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.BrokerException;
import io.streambus.broker.api.ErrorMapper;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.handler.PartitionLookup;
import io.streambus.broker.partition.Partition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DeleteRecords (v0 to v2): advances each partition's log start offset, on the partition's writer thread
 * so it never races an append. Offset -1 means the high watermark; an offset above the high watermark is
 * OFFSET_OUT_OF_RANGE. The result's low watermark is the new log start offset. Segments wholly below it
 * are deleted by the log.
 *
 * <p>Threading: {@link #handle} on the event loop; the stage completes on the last writer thread to finish.
 */
public final class DeleteRecordsHandler implements ApiHandler<DeleteRecordsRequestData, DeleteRecordsResponseData> {

    private static final Logger log = LoggerFactory.getLogger(DeleteRecordsHandler.class);
    private static final long HIGH_WATERMARK = -1;

    private final PartitionLookup lookup;

    public DeleteRecordsHandler(PartitionLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DELETE_RECORDS;
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
    public CompletionStage<DeleteRecordsResponseData> handle(RequestContext context, DeleteRecordsRequestData request) {
        DeleteRecordsResponseData response = new DeleteRecordsResponseData();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (DeleteRecordsRequestData.DeleteRecordsTopic topic : request.topics()) {
            DeleteRecordsTopicResult topicResult = new DeleteRecordsTopicResult().setName(topic.name());
            response.topics().add(topicResult);
            for (DeleteRecordsRequestData.DeleteRecordsPartition requested : topic.partitions()) {
                DeleteRecordsPartitionResult result = new DeleteRecordsPartitionResult()
                        .setPartitionIndex(requested.partitionIndex()).setLowWatermark(-1);
                topicResult.partitions().add(result);
                try {
                    Partition partition = lookup.partition(topic.name(), requested.partitionIndex());
                    pending.add(lookup.replicas().deleteRecordsBefore(partition, target(partition, requested.offset()))
                            .handle((lowWatermark, failure) -> {
                                complete(result, lowWatermark, failure);
                                return null;
                            }));
                } catch (BrokerException e) {
                    complete(result, -1L, e);
                }
            }
        }
        if (pending.isEmpty()) {
            return CompletableFuture.completedFuture(response);
        }
        CompletableFuture<DeleteRecordsResponseData> done = new CompletableFuture<>();
        AtomicInteger remaining = new AtomicInteger(pending.size());
        pending.forEach(future -> future.whenComplete((ignored, failure) -> {
            if (remaining.decrementAndGet() == 0) {
                done.complete(response);
            }
        }));
        return done;
    }

    /** The offset to delete before; checked against the high watermark on the event loop. */
    private static long target(Partition partition, long requested) {
        long highWatermark = partition.highWatermark();
        if (requested == HIGH_WATERMARK) {
            return highWatermark;
        }
        if (requested < 0 || requested > highWatermark) {
            throw new BrokerException(Errors.OFFSET_OUT_OF_RANGE, "Cannot delete records before " + requested
                    + " in " + partition.topicPartition() + ": the high watermark is " + highWatermark);
        }
        return requested;
    }

    private static void complete(DeleteRecordsPartitionResult result, Long lowWatermark, Throwable failure) {
        if (failure == null) {
            result.setErrorCode(Errors.NONE.code()).setLowWatermark(lowWatermark);
            return;
        }
        if (!ErrorMapper.isExpected(failure)) {
            log.error("[DeleteRecords] partition {} failed", result.partitionIndex(), ErrorMapper.unwrap(failure));
        }
        result.setErrorCode(ErrorMapper.toError(failure).code()).setLowWatermark(-1);
    }
}
