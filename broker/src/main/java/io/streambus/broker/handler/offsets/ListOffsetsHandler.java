package io.streambus.broker.handler.offsets;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.BrokerException;
import io.streambus.broker.api.ErrorMapper;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.handler.PartitionLookup;
import io.streambus.broker.partition.Partition;
import io.streambus.storage.TimestampOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsTopicResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ListOffsets (v1 to v10). Per partition, by the request's timestamp:
 * <ul>
 *   <li>-2 earliest and -4 earliest local (v8+, KIP-405): the log start offset; without tiered storage
 *       the local log is the whole log.</li>
 *   <li>-1 latest: the high watermark (the last stable offset for read_committed); for a replica or a
 *       debugging consumer, the log end offset.</li>
 *   <li>-3 max timestamp (v7+, KIP-734): the first record with the largest timestamp.</li>
 *   <li>-5 latest tiered (v9+, KIP-1005): offset -1, what Kafka answers when tiered storage is off.</li>
 *   <li>T &ge; 0: the earliest record with timestamp &ge; T, below the high watermark; none: offset and
 *       timestamp -1.</li>
 * </ul>
 * A special timestamp the request's version does not know gets UNSUPPORTED_VERSION. The leader epoch
 * returned is the partition's current one (there is no per-offset epoch cache yet).
 *
 * <p>Threading: runs entirely on the event loop: offsets come from memory, timestamp look-ups from the
 * memory-mapped time index plus a short scan of batch headers.
 */
public final class ListOffsetsHandler implements ApiHandler<ListOffsetsRequestData, ListOffsetsResponseData> {

    private static final Logger log = LoggerFactory.getLogger(ListOffsetsHandler.class);

    /** The leader epoch field is not ignorable: writing it below v4 fails, so it is set from v4 only. */
    private static final short FIRST_LEADER_EPOCH_VERSION = 4;

    private final PartitionLookup lookup;

    public ListOffsetsHandler(PartitionLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.LIST_OFFSETS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 10;
    }

    @Override
    public CompletionStage<ListOffsetsResponseData> handle(RequestContext context, ListOffsetsRequestData request) {
        boolean consumer = request.replicaId() == ListOffsetsRequest.CONSUMER_REPLICA_ID;
        boolean readCommitted = request.isolationLevel() == IsolationLevel.READ_COMMITTED.id();
        List<ListOffsetsTopicResponse> topics = new ArrayList<>(request.topics().size());
        for (ListOffsetsTopic topic : request.topics()) {
            List<ListOffsetsPartitionResponse> partitions = new ArrayList<>(topic.partitions().size());
            for (ListOffsetsPartition partition : topic.partitions()) {
                partitions.add(listOffset(context.apiVersion(), topic.name(), partition, consumer, readCommitted));
            }
            topics.add(new ListOffsetsTopicResponse().setName(topic.name()).setPartitions(partitions));
        }
        return CompletableFuture.completedFuture(new ListOffsetsResponseData().setTopics(topics));
    }

    private ListOffsetsPartitionResponse listOffset(short version, String topic, ListOffsetsPartition request,
                                                    boolean consumer, boolean readCommitted) {
        ListOffsetsPartitionResponse response = new ListOffsetsPartitionResponse()
                .setPartitionIndex(request.partitionIndex());
        try {
            Partition partition = lookup.partition(topic, request.partitionIndex());
            PartitionLookup.checkLeaderEpoch(partition, request.currentLeaderEpoch());
            long bound = !consumer ? partition.log().logEndOffset()
                    : readCommitted ? partition.lastStableOffset() : partition.highWatermark();
            TimestampOffset found = find(version, partition, request.timestamp(), bound);
            response.setErrorCode(Errors.NONE.code()).setTimestamp(found.timestampMs()).setOffset(found.offset());
            if (version >= FIRST_LEADER_EPOCH_VERSION && found.offset() >= 0) {
                response.setLeaderEpoch(partition.leaderEpoch());
            }
            return response;
        } catch (RuntimeException e) {
            if (!ErrorMapper.isExpected(e)) {
                log.error("[ListOffsets] {}-{} failed", topic, request.partitionIndex(), e);
            }
            return response.setErrorCode(ErrorMapper.toError(e).code()).setTimestamp(RecordBatch.NO_TIMESTAMP)
                    .setOffset(-1);
        }
    }

    private static TimestampOffset find(short version, Partition partition, long timestamp, long bound) {
        TimestampOffset none = new TimestampOffset(RecordBatch.NO_TIMESTAMP, -1);
        if (timestamp == ListOffsetsRequest.EARLIEST_TIMESTAMP) {
            return new TimestampOffset(RecordBatch.NO_TIMESTAMP, partition.log().logStartOffset());
        }
        if (timestamp == ListOffsetsRequest.LATEST_TIMESTAMP) {
            return new TimestampOffset(RecordBatch.NO_TIMESTAMP, bound);
        }
        if (timestamp == ListOffsetsRequest.MAX_TIMESTAMP && version >= 7) {
            return belowBound(partition.log().maxTimestamp(), bound).orElse(none);
        }
        if (timestamp == ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP && version >= 8) {
            return new TimestampOffset(RecordBatch.NO_TIMESTAMP, partition.log().logStartOffset());
        }
        if (timestamp == ListOffsetsRequest.LATEST_TIERED_TIMESTAMP && version >= 9) {
            return none;
        }
        if (timestamp < 0) {
            throw new BrokerException(Errors.UNSUPPORTED_VERSION,
                    "Timestamp " + timestamp + " is not supported at ListOffsets version " + version);
        }
        return belowBound(partition.log().offsetForTimestamp(timestamp), bound).orElse(none);
    }

    private static Optional<TimestampOffset> belowBound(Optional<TimestampOffset> found, long bound) {
        return found.filter(result -> result.offset() < bound);
    }
}
