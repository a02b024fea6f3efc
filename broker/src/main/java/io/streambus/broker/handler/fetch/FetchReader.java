package io.streambus.broker.handler.fetch;

import io.streambus.broker.api.ErrorMapper;
import io.streambus.broker.api.LogSliceRecords;
import io.streambus.broker.partition.Partition;
import io.streambus.storage.AbortedTxn;
import io.streambus.storage.ReadRequest;
import io.streambus.storage.ReadResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link FetchPlan} from the logs into a fresh response: up to each partition's high watermark
 * (the last stable offset for read_committed), within each partition's limit and the response's budget.
 * The first batch found is always returned, even if larger than the limits, so a consumer makes progress
 * (KIP-74); after that the budget is strict. Records are {@link LogSliceRecords}: nothing is copied.
 *
 * <p>Stateless; reads take no lock, so any thread may call it.
 */
final class FetchReader {

    private static final Logger log = LoggerFactory.getLogger(FetchReader.class);

    private FetchReader() {
    }

    /** A response ready to send and the record bytes it carries. */
    record Result(FetchResponseData response, long bytes, boolean hasError) {
    }

    static Result read(FetchPlan plan) {
        FetchResponseData response = new FetchResponseData().setErrorCode(Errors.NONE.code()).setSessionId(0);
        long remaining = plan.maxBytes();
        long total = 0;
        boolean hasError = false;
        for (FetchPlan.Topic topic : plan.topics()) {
            FetchableTopicResponse topicResponse = new FetchableTopicResponse().setTopic(topic.name())
                    .setTopicId(topic.topicId());
            List<PartitionData> partitions = new ArrayList<>(topic.partitions().size());
            for (FetchPlan.Target target : topic.partitions()) {
                if (!target.isReadable()) {
                    partitions.add(target.error());
                    hasError = true;
                    continue;
                }
                int limit = (int) Math.max(0, Math.min(target.partitionMaxBytes(), remaining));
                PartitionData data = readPartition(target, limit, total == 0, plan.readCommitted());
                int bytes = data.records().sizeInBytes();
                total += bytes;
                remaining -= bytes;
                hasError |= data.errorCode() != Errors.NONE.code();
                partitions.add(data);
            }
            topicResponse.setPartitions(partitions);
            response.responses().add(topicResponse);
        }
        return new Result(response, total, hasError);
    }

    /** The aborted transactions a read_committed consumer must filter out of [fetchOffset, bound). */
    private static List<FetchResponseData.AbortedTransaction> abortedTransactions(Partition partition,
                                                                                  long fetchOffset, long bound) {
        List<AbortedTxn> aborted = partition.log().abortedTransactions(fetchOffset, bound);
        List<FetchResponseData.AbortedTransaction> result = new ArrayList<>(aborted.size());
        for (AbortedTxn txn : aborted) {
            result.add(new FetchResponseData.AbortedTransaction().setProducerId(txn.producerId())
                    .setFirstOffset(txn.firstOffset()));
        }
        return result;
    }

    private static PartitionData readPartition(FetchPlan.Target target, int maxBytes, boolean minOneBatch,
                                               boolean readCommitted) {
        Partition partition = target.partition();
        long bound = readCommitted ? partition.lastStableOffset() : partition.highWatermark();
        PartitionData data = new PartitionData().setPartitionIndex(target.index())
                .setHighWatermark(partition.highWatermark())
                .setLastStableOffset(partition.lastStableOffset())
                .setPreferredReadReplica(-1)
                .setAbortedTransactions(readCommitted ? new ArrayList<>() : null)
                .setRecords(MemoryRecords.EMPTY);
        try {
            ReadResult result = partition.log().read(new ReadRequest(target.fetchOffset(), maxBytes, bound, minOneBatch));
            switch (result) {
                case ReadResult.Records records -> {
                    data.setErrorCode(Errors.NONE.code()).setLogStartOffset(records.logStartOffset());
                    if (!records.isEmpty()) {
                        data.setRecords(new LogSliceRecords(records.slice()));
                        if (readCommitted) {
                            data.setAbortedTransactions(abortedTransactions(partition, target.fetchOffset(), bound));
                        }
                    }
                }
                case ReadResult.BeforeLogStart before -> data.setErrorCode(Errors.OFFSET_OUT_OF_RANGE.code())
                        .setLogStartOffset(before.logStartOffset());
                case ReadResult.PastLogEnd past -> data.setErrorCode(Errors.OFFSET_OUT_OF_RANGE.code())
                        .setLogStartOffset(past.logStartOffset());
            }
        } catch (RuntimeException e) {
            if (!ErrorMapper.isExpected(e)) {
                log.error("[Fetch] read of {} at offset {} failed", partition.topicPartition(), target.fetchOffset(), e);
            }
            data.setErrorCode(ErrorMapper.toError(e).code()).setLogStartOffset(-1);
        }
        return data;
    }
}
