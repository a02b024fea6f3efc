package io.streambus.broker.coordinator.transaction;

import io.streambus.broker.api.BrokerException;
import io.streambus.broker.coordinator.CoordinatorRuntime;
import io.streambus.broker.coordinator.group.GroupCoordinatorService;
import io.streambus.broker.partition.Partition;
import io.streambus.broker.partition.PartitionManager;
import io.streambus.broker.partition.ReplicaManager;
import io.streambus.broker.producer.ProducerIdManager;
import io.streambus.broker.purgatory.DelayedOperationTimer;
import io.streambus.metadata.controller.ApiError;
import io.streambus.metadata.controller.ControllerService;
import io.streambus.metadata.controller.CreatableTopic;
import io.streambus.metadata.loader.MetadataLoader;
import io.streambus.storage.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction coordinator's front door (decision 7): one {@link TransactionCoordinatorShard} per
 * {@code __transaction_state} partition this broker leads, found by Kafka's rule
 * (abs(transactionalId.hashCode()) % partitions). Creates the compacted topic through the controller on the
 * first FindCoordinator(TRANSACTION) or InitProducerId with a transactional id; loads a shard when its
 * partition appears, closes it when the partition goes.
 *
 * <p>Threading: thread-safe. Every method returns at once; the work runs on the shard's thread (shards are
 * pinned to a few single-threaded executors) and futures complete there.
 */
public final class TransactionCoordinatorService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransactionCoordinatorService.class);

    public static final String TOPIC = "__transaction_state";

    private final TransactionCoordinatorConfig config;
    private final PartitionManager partitions;
    private final ReplicaManager replicas;
    private final ControllerService controller;
    private final MetadataLoader metadata;
    private final DelayedOperationTimer timer;
    private final Time time;
    private final ProducerIdManager producerIds;
    private final TransactionMarkerWriter markers;
    private final ExecutorService[] threads;
    private final Map<Integer, TransactionCoordinatorShard> shards = new ConcurrentHashMap<>();
    private final AtomicBoolean creatingTopic = new AtomicBoolean();

    public TransactionCoordinatorService(TransactionCoordinatorConfig config, PartitionManager partitions,
                                         ReplicaManager replicas, ControllerService controller,
                                         MetadataLoader metadata, DelayedOperationTimer timer, Time time,
                                         ProducerIdManager producerIds, GroupCoordinatorService groups,
                                         int threadCount) {
        this.config = config;
        this.partitions = partitions;
        this.replicas = replicas;
        this.controller = controller;
        this.metadata = metadata;
        this.timer = timer;
        this.time = time;
        this.producerIds = producerIds;
        this.markers = new TransactionMarkerWriter(replicas, groups, time);
        this.threads = new ExecutorService[threadCount];
        for (int i = 0; i < threadCount; i++) {
            threads[i] = Executors.newSingleThreadExecutor(
                    Thread.ofPlatform().daemon().name("txn-coordinator-" + i).factory());
        }
    }

    /** Starts coordinating the state partitions hosted now and those that appear later. */
    public void start() {
        partitions.onPartitionAdded(this::maybeAddShard);
        partitions.onPartitionRemoved(partition -> {
            if (TOPIC.equals(partition.topicPartition().topic())) {
                TransactionCoordinatorShard shard = shards.remove(partition.topicPartition().partition());
                if (shard != null) {
                    shard.close();
                }
            }
        });
        partitions.onHighWatermarkAdvanced(tp -> {
            if (TOPIC.equals(tp.topic())) {
                TransactionCoordinatorShard shard = shards.get(tp.partition());
                if (shard != null) {
                    shard.runtime().onHighWatermarkAdvanced();
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
            CoordinatorRuntime runtime = new CoordinatorRuntime(partition, replicas, threads[index % threads.length],
                    timer, time, "[TransactionCoordinator " + index + "] ");
            TransactionCoordinatorShard shard = new TransactionCoordinatorShard(runtime, config, time, producerIds,
                    markers);
            shard.load();
            return shard;
        });
    }

    public TransactionCoordinatorConfig config() {
        return config;
    }

    /** The {@code __transaction_state} partition that holds {@code transactionalId}. */
    public int partitionFor(String transactionalId) {
        return Utils.abs(transactionalId.hashCode()) % config.stateTopicPartitions();
    }

    /**
     * Whether this broker can serve {@code transactionalId} now: NONE, COORDINATOR_NOT_AVAILABLE while the
     * state topic is being created (this call starts the creation), COORDINATOR_LOAD_IN_PROGRESS while loading.
     */
    public Errors coordinatorStatus(String transactionalId) {
        if (metadata.current().topics().topic(TOPIC) == null) {
            ensureTopic();
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        TransactionCoordinatorShard shard = shards.get(partitionFor(transactionalId));
        if (shard == null) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        return switch (shard.runtime().status()) {
            case LOADING -> Errors.COORDINATOR_LOAD_IN_PROGRESS;
            case ACTIVE -> Errors.NONE;
            case CLOSED -> Errors.NOT_COORDINATOR;
        };
    }

    private void ensureTopic() {
        if (!creatingTopic.compareAndSet(false, true)) {
            return;
        }
        CreatableTopic topic = CreatableTopic.of(TOPIC, config.stateTopicPartitions(),
                config.stateTopicReplicationFactor()).withConfigs(Map.of("cleanup.policy", "compact"));
        controller.createTopics(List.of(topic), false).whenComplete((results, failure) -> {
            ApiError error = failure != null ? ApiError.of(Errors.UNKNOWN_SERVER_ERROR, failure.getMessage())
                    : results.getFirst().error();
            if (error.isSuccess()) {
                log.info("[TransactionCoordinator] created {} with {} partitions", TOPIC, config.stateTopicPartitions());
            } else if (error.error() != Errors.TOPIC_ALREADY_EXISTS) {
                log.warn("[TransactionCoordinator] creating {} failed: {}", TOPIC, error);
            }
            creatingTopic.set(false); // a failed creation is retried by the next request
        });
    }

    private <T> CompletableFuture<T> onShard(String transactionalId,
                                             Function<TransactionCoordinatorShard, CompletableFuture<T>> op) {
        Errors status = coordinatorStatus(transactionalId);
        if (status != Errors.NONE) {
            return CompletableFuture.failedFuture(new BrokerException(status,
                    "cannot coordinate transactional id " + transactionalId + " now"));
        }
        TransactionCoordinatorShard shard = shards.get(partitionFor(transactionalId));
        return shard.runtime().submit(() -> op.apply(shard));
    }

    public CompletableFuture<InitProducerIdResult> initProducerId(String transactionalId, int timeoutMs,
                                                                  long producerId, short producerEpoch) {
        return onShard(transactionalId, shard -> shard.initProducerId(transactionalId, timeoutMs, producerId,
                producerEpoch));
    }

    public CompletableFuture<Errors> addPartitions(String transactionalId, long producerId, short producerEpoch,
                                                   Set<TopicPartition> partitions) {
        return onShard(transactionalId, shard -> shard.addPartitions(transactionalId, producerId, producerEpoch,
                partitions));
    }

    /** AddOffsetsToTxn: the group's {@code __consumer_offsets} partition joins the transaction. */
    public CompletableFuture<Errors> addOffsets(String transactionalId, long producerId, short producerEpoch,
                                                int offsetsPartition) {
        return addPartitions(transactionalId, producerId, producerEpoch,
                Set.of(new TopicPartition(GroupCoordinatorService.TOPIC, offsetsPartition)));
    }

    /** KIP-890 part 1: whether the producer's ongoing transaction includes {@code partition}. */
    public CompletableFuture<Errors> verify(String transactionalId, long producerId, short producerEpoch,
                                            TopicPartition partition) {
        return onShard(transactionalId, shard -> CompletableFuture.completedFuture(
                shard.verify(transactionalId, producerId, producerEpoch, partition)));
    }

    public CompletableFuture<Errors> endTxn(String transactionalId, long producerId, short producerEpoch,
                                            boolean commit) {
        return onShard(transactionalId, shard -> shard.endTxn(transactionalId, producerId, producerEpoch, commit));
    }

    /** The value of one id, or null if unknown. */
    public CompletableFuture<TransactionValue> describe(String transactionalId) {
        return onShard(transactionalId, shard -> CompletableFuture.completedFuture(shard.value(transactionalId)));
    }

    /** One listed transaction. */
    public record Listed(String transactionalId, TransactionValue value) {
    }

    /** Every id of every loaded shard; COORDINATOR_LOAD_IN_PROGRESS if a shard is still loading. */
    public CompletableFuture<List<Listed>> list() {
        List<CompletableFuture<List<Listed>>> perShard = new ArrayList<>();
        for (TransactionCoordinatorShard shard : shards.values()) {
            perShard.add(shard.runtime().submit(() -> {
                List<Listed> listed = new ArrayList<>();
                shard.forEach((id, value) -> listed.add(new Listed(id, value)));
                return CompletableFuture.completedFuture(listed);
            }));
        }
        return CompletableFuture.allOf(perShard.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<Listed> all = new ArrayList<>();
            perShard.forEach(future -> all.addAll(future.join()));
            return all;
        });
    }

    /** Runs the timeout check of every shard now (tests on a manual clock). */
    public CompletableFuture<Void> abortTimedOutTransactions() {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (TransactionCoordinatorShard shard : shards.values()) {
            all.add(shard.runtime().submit(() -> {
                shard.abortTimedOut();
                return CompletableFuture.completedFuture(null);
            }));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /** WriteTxnMarkers: one marker on one hosted partition, durable (and applied to group offsets). */
    public CompletableFuture<Void> writeMarker(Partition partition, long producerId, short producerEpoch,
                                               boolean commit) {
        return markers.write(partition, producerId, producerEpoch, commit);
    }

    @Override
    public void close() {
        shards.values().forEach(TransactionCoordinatorShard::close);
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
