package io.streambus.broker.handler.fetch;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.BrokerException;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.handler.PartitionLookup;
import io.streambus.broker.partition.Partition;
import io.streambus.storage.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;

/**
 * Fetch (v4 to v18) for consumers. Resolves the partitions (by name, or by topic id from v13), reads up to
 * the high watermark at once and answers if that satisfies {@code minBytes}; otherwise parks a
 * {@link DelayedFetch} in the fetch purgatory until data arrives or {@code maxWaitMs} passes.
 *
 * <p>No fetch sessions (KIP-227): every response carries session id 0, which tells clients no session was
 * created, so they keep sending full fetches; a request naming a session gets FETCH_SESSION_ID_NOT_FOUND.
 * Replica fetches (replica id 0 or more) get NOT_LEADER_OR_FOLLOWER per partition, what Kafka's leader
 * answers a broker that is not among a partition's replicas: on one node, no broker is.
 *
 * <p>Threading: {@link #handle} on the event loop, which also does the first read (index lookups and
 * batch-header reads, normally from the page cache); the stage completes there, on a thread that advanced
 * a high watermark, or on the purgatory's timer thread.
 */
public final class FetchHandler implements ApiHandler<FetchRequestData, FetchResponseData> {

    private static final short FIRST_TOPIC_ID_VERSION = 13;
    private static final short FIRST_REPLICA_STATE_VERSION = 15;

    private final PartitionLookup lookup;
    private final Time time;

    public FetchHandler(PartitionLookup lookup, Time time) {
        this.lookup = lookup;
        this.time = time;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.FETCH;
    }

    @Override
    public short minVersion() {
        return 4;
    }

    @Override
    public short maxVersion() {
        return 18;
    }

    @Override
    public CompletionStage<FetchResponseData> handle(RequestContext context, FetchRequestData request) {
        if (request.sessionId() != 0) {
            return CompletableFuture.completedFuture(new FetchResponseData()
                    .setErrorCode(Errors.FETCH_SESSION_ID_NOT_FOUND.code()).setSessionId(0));
        }
        FetchPlan plan = plan(context, request);
        FetchReader.Result first = FetchReader.read(plan);
        if (request.maxWaitMs() <= 0 || first.bytes() >= plan.minBytes() || first.hasError()) {
            return CompletableFuture.completedFuture(first.response());
        }
        CompletableFuture<FetchResponseData> result = new CompletableFuture<>();
        long deadlineNs = context.receiveTimeNs() + TimeUnit.MILLISECONDS.toNanos(request.maxWaitMs());
        DelayedFetch delayed = new DelayedFetch(Math.max(deadlineNs, time.nanoseconds()), plan, lookup.replicas(), result);
        List<TopicPartition> keys = delayed.keys();
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(first.response());
        }
        lookup.replicas().fetchPurgatory().tryCompleteElseWatch(delayed, keys);
        return result;
    }

    private FetchPlan plan(RequestContext context, FetchRequestData request) {
        boolean byId = context.apiVersion() >= FIRST_TOPIC_ID_VERSION;
        int replicaId = context.apiVersion() >= FIRST_REPLICA_STATE_VERSION
                ? request.replicaState().replicaId() : request.replicaId();
        List<FetchPlan.Topic> topics = new ArrayList<>(request.topics().size());
        for (FetchRequestData.FetchTopic topic : request.topics()) {
            String name = byId ? null : topic.topic();
            Errors topicError = null;
            if (byId) {
                try {
                    name = lookup.topicName(topic.topicId());
                } catch (BrokerException e) {
                    topicError = e.error();
                }
            }
            List<FetchPlan.Target> targets = new ArrayList<>(topic.partitions().size());
            for (FetchRequestData.FetchPartition fetch : topic.partitions()) {
                targets.add(target(name, topicError, replicaId, fetch));
            }
            topics.add(new FetchPlan.Topic(byId ? "" : topic.topic(), byId ? topic.topicId() : Uuid.ZERO_UUID, targets));
        }
        boolean readCommitted = request.isolationLevel() == IsolationLevel.READ_COMMITTED.id();
        return new FetchPlan(topics, Math.max(0, request.maxBytes()), request.minBytes(), readCommitted);
    }

    private FetchPlan.Target target(String topic, Errors topicError, int replicaId, FetchRequestData.FetchPartition fetch) {
        if (topicError != null) {
            return FetchPlan.Target.failed(error(fetch.partition(), topicError));
        }
        if (replicaId >= 0) {
            return FetchPlan.Target.failed(error(fetch.partition(), Errors.NOT_LEADER_OR_FOLLOWER));
        }
        try {
            Partition partition = lookup.partition(topic, fetch.partition());
            PartitionLookup.checkLeaderEpoch(partition, fetch.currentLeaderEpoch());
            return FetchPlan.Target.readable(fetch.partition(), partition, fetch.fetchOffset(),
                    Math.max(0, fetch.partitionMaxBytes()));
        } catch (BrokerException e) {
            return FetchPlan.Target.failed(error(fetch.partition(), e.error()));
        }
    }

    private static PartitionData error(int index, Errors error) {
        return new PartitionData().setPartitionIndex(index).setErrorCode(error.code())
                .setHighWatermark(-1).setLastStableOffset(-1).setLogStartOffset(-1)
                .setPreferredReadReplica(-1).setRecords(MemoryRecords.EMPTY);
    }
}
