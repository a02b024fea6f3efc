package io.streambus.broker.coordinator.group;

import io.streambus.broker.api.BrokerException;
import io.streambus.broker.api.ErrorMapper;
import io.streambus.broker.coordinator.InternalTopicShards;
import io.streambus.broker.partition.PartitionManager;
import io.streambus.broker.partition.ReplicaManager;
import io.streambus.broker.purgatory.DelayedOperationTimer;
import io.streambus.metadata.controller.ControllerService;
import io.streambus.metadata.loader.MetadataLoader;
import io.streambus.storage.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * The group coordinator's front door: one {@link GroupCoordinatorShard} per {@code __consumer_offsets}
 * partition this broker leads, found by Kafka's rule (abs(groupId.hashCode()) % partitions). The shards,
 * the topic's creation and the coordinator threads are kept by {@link InternalTopicShards}; this class
 * routes each group operation to its shard.
 *
 * <p>Threading: thread-safe. Every method returns at once; the work runs on the shard's coordinator thread
 * (shards are pinned to a small pool of single-threaded executors owned by {@link InternalTopicShards}) and
 * futures complete there. Operations on a shard that is loading fail with COORDINATOR_LOAD_IN_PROGRESS, on
 * a group this broker does not coordinate with NOT_COORDINATOR.
 */
public final class GroupCoordinatorService implements AutoCloseable {

    public static final String TOPIC = "__consumer_offsets";

    private final GroupCoordinatorConfig config;
    private final InternalTopicShards<GroupCoordinatorShard> shards;

    public GroupCoordinatorService(GroupCoordinatorConfig config, PartitionManager partitions,
                                   ReplicaManager replicas, ControllerService controller, MetadataLoader metadata,
                                   DelayedOperationTimer timer, Time time, int threadCount) {
        this.config = config;
        this.shards = new InternalTopicShards<>(new InternalTopicShards.InternalTopic(TOPIC,
                config.offsetsTopicPartitions(), config.offsetsTopicReplicationFactor(), "GroupCoordinator",
                "group-coordinator-"), partitions, replicas, controller, metadata, timer, time, threadCount,
                runtime -> new GroupCoordinatorShard(runtime, time, config, metadata::current));
    }

    /** Starts coordinating the offsets partitions hosted now and those that appear later. */
    public void start() {
        shards.start();
    }

    public GroupCoordinatorConfig config() {
        return config;
    }

    /** The {@code __consumer_offsets} partition that holds {@code groupId}. */
    public int partitionFor(String groupId) {
        return shards.partitionFor(groupId);
    }

    /**
     * Whether this broker can serve {@code groupId} now: NONE, COORDINATOR_NOT_AVAILABLE while the offsets
     * topic is being created (this call starts the creation), COORDINATOR_LOAD_IN_PROGRESS while loading.
     */
    public Errors coordinatorStatus(String groupId) {
        return shards.coordinatorStatus(groupId);
    }

    private <T> CompletableFuture<T> onShard(String groupId, Function<GroupCoordinatorShard, CompletableFuture<T>> op) {
        GroupCoordinatorShard shard = shards.shardFor(groupId);
        if (shard == null) {
            return CompletableFuture.failedFuture(new BrokerException(Errors.NOT_COORDINATOR,
                    "this broker does not coordinate group " + groupId));
        }
        return shard.submit(() -> op.apply(shard));
    }

    public CompletableFuture<JoinGroupResponseData> joinGroup(ClientInfo client, JoinGroupRequestData request) {
        return onShard(request.groupId(), shard -> shard.classic.join(client, request));
    }

    public CompletableFuture<SyncGroupResponseData> syncGroup(ClientInfo client, SyncGroupRequestData request) {
        return onShard(request.groupId(), shard -> shard.classic.sync(client, request));
    }

    public CompletableFuture<HeartbeatResponseData> heartbeat(HeartbeatRequestData request) {
        return onShard(request.groupId(), shard -> shard.classic.membership.heartbeat(request));
    }

    public CompletableFuture<LeaveGroupResponseData> leaveGroup(short version, LeaveGroupRequestData request) {
        return onShard(request.groupId(), shard -> shard.classic.membership.leave(version, request));
    }

    public CompletableFuture<ConsumerGroupHeartbeatResponseData> consumerGroupHeartbeat(
            ClientInfo client, ConsumerGroupHeartbeatRequestData request) {
        return onShard(request.groupId(), shard -> shard.consumer.heartbeat(client, request));
    }

    /** ConsumerGroupDescribe of one group; a coordinator error comes back as the group's error code. */
    public CompletableFuture<ConsumerGroupDescribeResponseData.DescribedGroup> consumerGroupDescribe(String groupId) {
        return onShard(groupId, shard -> CompletableFuture.completedFuture(shard.consumer.describe(groupId)))
                .exceptionally(failure -> {
                    Errors error = ErrorMapper.toError(failure);
                    return new ConsumerGroupDescribeResponseData.DescribedGroup().setGroupId(groupId)
                            .setErrorCode(error.code()).setErrorMessage(error.message());
                });
    }

    public CompletableFuture<OffsetCommitResponseData> commitOffsets(OffsetCommitRequestData request) {
        return onShard(request.groupId(), shard -> shard.offsets.commit(request));
    }

    /** TxnOffsetCommit: offsets pending until the producer's transaction ends (see PendingTxnOffsets). */
    public CompletableFuture<TxnOffsetCommitResponseData> commitTransactionalOffsets(TxnOffsetCommitRequestData request) {
        return onShard(request.groupId(), shard -> shard.offsets.commitTransactional(request));
    }

    /**
     * The transaction coordinator wrote {@code producerId}'s marker to {@code __consumer_offsets-partition}:
     * its pending offsets there become committed (or are dropped on abort). Completes on the shard thread.
     */
    public CompletableFuture<Void> completeTransaction(int partition, long producerId, boolean commit) {
        GroupCoordinatorShard shard = shards.shard(partition);
        if (shard == null) {
            return CompletableFuture.completedFuture(null); // Not hosted: loading replays the marker.
        }
        return shard.submit(() -> {
            shard.completeTransaction(producerId, commit);
            return CompletableFuture.completedFuture(null);
        });
    }

    /** One group's offsets ({@code topics} null: all); a coordinator error comes back as the group's error code. */
    public CompletableFuture<OffsetFetchResponseData.OffsetFetchResponseGroup> fetchOffsets(
            String groupId, List<OffsetFetchRequestData.OffsetFetchRequestTopics> topics) {
        return fetchOffsets(groupId, topics, false);
    }

    /** As {@link #fetchOffsets(String, List)}; {@code requireStable}: UNSTABLE_OFFSET_COMMIT for pending ones. */
    public CompletableFuture<OffsetFetchResponseData.OffsetFetchResponseGroup> fetchOffsets(
            String groupId, List<OffsetFetchRequestData.OffsetFetchRequestTopics> topics, boolean requireStable) {
        return onShard(groupId, shard -> CompletableFuture.completedFuture(
                        shard.offsets.fetch(groupId, topics, requireStable)))
                .exceptionally(failure -> new OffsetFetchResponseData.OffsetFetchResponseGroup().setGroupId(groupId)
                        .setErrorCode(ErrorMapper.toError(failure).code()));
    }

    public CompletableFuture<OffsetDeleteResponseData> deleteOffsets(OffsetDeleteRequestData request) {
        return onShard(request.groupId(), shard -> shard.offsets.delete(request));
    }

    /** The committed offsets of a group (empty if none), for lag reporting. */
    public CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> committedOffsets(String groupId) {
        return onShard(groupId, shard -> CompletableFuture.completedFuture(shard.offsets.committed(groupId)));
    }

    /** Every group of every shard matching the filters; COORDINATOR_LOAD_IN_PROGRESS if a shard is loading. */
    public CompletableFuture<ListGroupsResponseData> listGroups(List<String> statesFilter, List<String> typesFilter) {
        List<CompletableFuture<List<ListGroupsResponseData.ListedGroup>>> perShard = new ArrayList<>();
        for (GroupCoordinatorShard shard : shards.all()) {
            perShard.add(shard.submit(() -> CompletableFuture.completedFuture(
                    shard.admin.list(statesFilter, typesFilter))));
        }
        ListGroupsResponseData response = new ListGroupsResponseData().setErrorCode(Errors.NONE.code());
        return CompletableFuture.allOf(perShard.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> {
            for (CompletableFuture<List<ListGroupsResponseData.ListedGroup>> future : perShard) {
                if (future.isCompletedExceptionally()) {
                    response.setErrorCode(ErrorMapper.toError(future.exceptionNow()).code());
                } else {
                    response.groups().addAll(future.join());
                }
            }
            return response;
        });
    }

    public CompletableFuture<DescribeGroupsResponseData.DescribedGroup> describeGroup(String groupId, short version) {
        return onShard(groupId, shard -> CompletableFuture.completedFuture(shard.admin.describe(groupId, version)))
                .exceptionally(failure -> new DescribeGroupsResponseData.DescribedGroup().setGroupId(groupId)
                        .setErrorCode(ErrorMapper.toError(failure).code()).setGroupState("").setProtocolType("")
                        .setProtocolData(""));
    }

    public CompletableFuture<DeleteGroupsResponseData.DeletableGroupResult> deleteGroup(String groupId) {
        return onShard(groupId, shard -> shard.admin.delete(groupId))
                .exceptionally(failure -> new DeleteGroupsResponseData.DeletableGroupResult().setGroupId(groupId)
                        .setErrorCode(ErrorMapper.toError(failure).code()));
    }

    /** Closes every shard, then stops the coordinator threads. */
    @Override
    public void close() {
        shards.close();
    }
}
