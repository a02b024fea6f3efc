package io.streambus.broker.coordinator.group;

import io.streambus.broker.api.BrokerException;
import io.streambus.broker.api.ErrorMapper;
import io.streambus.broker.partition.Partition;
import io.streambus.broker.partition.PartitionManager;
import io.streambus.broker.partition.ReplicaManager;
import io.streambus.broker.purgatory.DelayedOperationTimer;
import io.streambus.metadata.controller.ApiError;
import io.streambus.metadata.controller.ControllerService;
import io.streambus.metadata.controller.CreatableTopic;
import io.streambus.metadata.loader.MetadataLoader;
import io.streambus.storage.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator's front door: one {@link GroupCoordinatorShard} per {@code __consumer_offsets}
 * partition this broker leads, found by Kafka's rule (abs(groupId.hashCode()) % partitions). Creates the
 * topic through the controller on first need, loads a shard when its partition appears, closes it when the
 * partition goes.
 *
 * <p>Threading: thread-safe. Every method returns at once; the work runs on the shard's coordinator thread
 * (shards are pinned to a small pool of single-threaded executors) and futures complete there. Operations
 * on a shard that is loading fail with COORDINATOR_LOAD_IN_PROGRESS, on a group this broker does not
 * coordinate with NOT_COORDINATOR.
 */
public final class GroupCoordinatorService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCoordinatorService.class);

    public static final String TOPIC = "__consumer_offsets";

    private final GroupCoordinatorConfig config;
    private final PartitionManager partitions;
    private final ReplicaManager replicas;
    private final ControllerService controller;
    private final MetadataLoader metadata;
    private final DelayedOperationTimer timer;
    private final Time time;
    private final ExecutorService[] threads;
    private final Map<Integer, GroupCoordinatorShard> shards = new ConcurrentHashMap<>();
    private final AtomicReference<CompletableFuture<ApiError>> topicCreation = new AtomicReference<>();

    public GroupCoordinatorService(GroupCoordinatorConfig config, PartitionManager partitions,
                                   ReplicaManager replicas, ControllerService controller, MetadataLoader metadata,
                                   DelayedOperationTimer timer, Time time, int threadCount) {
        this.config = config;
        this.partitions = partitions;
        this.replicas = replicas;
        this.controller = controller;
        this.metadata = metadata;
        this.timer = timer;
        this.time = time;
        this.threads = new ExecutorService[threadCount];
        for (int i = 0; i < threadCount; i++) {
            threads[i] = Executors.newSingleThreadExecutor(
                    Thread.ofPlatform().daemon().name("group-coordinator-" + i).factory());
        }
    }

    /** Starts coordinating the offsets partitions hosted now and those that appear later. */
    public void start() {
        partitions.onPartitionAdded(this::maybeAddShard);
        partitions.onPartitionRemoved(partition -> {
            if (TOPIC.equals(partition.topicPartition().topic())) {
                GroupCoordinatorShard shard = shards.remove(partition.topicPartition().partition());
                if (shard != null) {
                    shard.close();
                }
            }
        });
        partitions.onHighWatermarkAdvanced(tp -> {
            if (TOPIC.equals(tp.topic())) {
                GroupCoordinatorShard shard = shards.get(tp.partition());
                if (shard != null) {
                    shard.onHighWatermarkAdvanced();
                }
            }
        });
        partitions.partitions().forEach(this::maybeAddShard);
    }

    private void maybeAddShard(Partition partition) {
        TopicPartition tp = partition.topicPartition();
        if (!TOPIC.equals(tp.topic())) {
            return;
        }
        shards.computeIfAbsent(tp.partition(), index -> {
            GroupCoordinatorShard shard = new GroupCoordinatorShard(partition, replicas,
                    threads[index % threads.length], timer, time, config, metadata::current);
            shard.load();
            return shard;
        });
    }

    public GroupCoordinatorConfig config() {
        return config;
    }

    /** The {@code __consumer_offsets} partition that holds {@code groupId}. */
    public int partitionFor(String groupId) {
        return Utils.abs(groupId.hashCode()) % config.offsetsTopicPartitions();
    }

    /**
     * Whether this broker can serve {@code groupId} now: NONE, COORDINATOR_NOT_AVAILABLE while the offsets
     * topic is being created (this call starts the creation), COORDINATOR_LOAD_IN_PROGRESS while loading.
     */
    public Errors coordinatorStatus(String groupId) {
        if (metadata.current().topics().topic(TOPIC) == null) {
            ensureTopic();
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        GroupCoordinatorShard shard = shards.get(partitionFor(groupId));
        if (shard == null) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        return switch (shard.status()) {
            case LOADING -> Errors.COORDINATOR_LOAD_IN_PROGRESS;
            case ACTIVE -> Errors.NONE;
            case CLOSED -> Errors.NOT_COORDINATOR;
        };
    }

    private void ensureTopic() {
        CompletableFuture<ApiError> mine = new CompletableFuture<>();
        if (!topicCreation.compareAndSet(null, mine)) {
            return;
        }
        CreatableTopic topic = CreatableTopic.of(TOPIC, config.offsetsTopicPartitions(),
                config.offsetsTopicReplicationFactor()).withConfigs(Map.of("cleanup.policy", "compact"));
        controller.createTopics(List.of(topic), false).whenComplete((results, failure) -> {
            ApiError error = failure != null ? ApiError.of(Errors.UNKNOWN_SERVER_ERROR, failure.getMessage())
                    : results.getFirst().error();
            if (error.isSuccess()) {
                log.info("[GroupCoordinator] created {} with {} partitions", TOPIC, config.offsetsTopicPartitions());
            } else if (error.error() != Errors.TOPIC_ALREADY_EXISTS) {
                log.warn("[GroupCoordinator] creating {} failed: {}", TOPIC, error);
            }
            topicCreation.set(null); // a failed creation is retried by the next FindCoordinator
            mine.complete(error);
        });
    }

    private <T> CompletableFuture<T> onShard(String groupId, Function<GroupCoordinatorShard, CompletableFuture<T>> op) {
        GroupCoordinatorShard shard = shards.get(partitionFor(groupId));
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
        GroupCoordinatorShard shard = shards.get(partition);
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
        for (GroupCoordinatorShard shard : shards.values()) {
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

    @Override
    public void close() {
        shards.values().forEach(GroupCoordinatorShard::close);
        shards.clear();
        for (ExecutorService thread : threads) {
            thread.shutdown();
        }
        try {
            for (ExecutorService thread : threads) {
                if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                    thread.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
