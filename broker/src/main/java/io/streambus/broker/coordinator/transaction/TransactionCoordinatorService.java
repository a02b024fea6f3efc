package io.streambus.broker.coordinator.transaction;

import io.streambus.broker.api.BrokerException;
import io.streambus.broker.coordinator.InternalTopicShards;
import io.streambus.broker.coordinator.group.GroupCoordinatorService;
import io.streambus.broker.partition.Partition;
import io.streambus.broker.partition.PartitionManager;
import io.streambus.broker.partition.ReplicaManager;
import io.streambus.broker.producer.ProducerIdManager;
import io.streambus.broker.purgatory.DelayedOperationTimer;
import io.streambus.metadata.controller.ControllerService;
import io.streambus.metadata.loader.MetadataLoader;
import io.streambus.storage.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * The transaction coordinator's front door (decision 7): one {@link TransactionCoordinatorShard} per
 * {@code __transaction_state} partition this broker leads, found by Kafka's rule
 * (abs(transactionalId.hashCode()) % partitions). The shards and the coordinator threads are kept by
 * {@link InternalTopicShards}, which creates the compacted topic through the controller on the first
 * FindCoordinator(TRANSACTION) or InitProducerId with a transactional id; this class routes each operation
 * to its shard.
 *
 * <p>Threading: thread-safe. Every method returns at once; the work runs on the shard's thread (shards are
 * pinned to a few single-threaded executors owned by {@link InternalTopicShards}) and futures complete there.
 */
public final class TransactionCoordinatorService implements AutoCloseable {

    public static final String TOPIC = "__transaction_state";

    private final TransactionCoordinatorConfig config;
    private final TransactionMarkerWriter markers;
    private final InternalTopicShards<TransactionCoordinatorShard> shards;

    public TransactionCoordinatorService(TransactionCoordinatorConfig config, PartitionManager partitions,
                                         ReplicaManager replicas, ControllerService controller,
                                         MetadataLoader metadata, DelayedOperationTimer timer, Time time,
                                         ProducerIdManager producerIds, GroupCoordinatorService groups,
                                         int threadCount) {
        this.config = config;
        this.markers = new TransactionMarkerWriter(replicas, groups, time);
        this.shards = new InternalTopicShards<>(new InternalTopicShards.InternalTopic(TOPIC,
                config.stateTopicPartitions(), config.stateTopicReplicationFactor(), "TransactionCoordinator",
                "txn-coordinator-"), partitions, replicas, controller, metadata, timer, time, threadCount,
                runtime -> new TransactionCoordinatorShard(runtime, config, time, producerIds, markers));
    }

    /** Starts coordinating the state partitions hosted now and those that appear later. */
    public void start() {
        shards.start();
    }

    public TransactionCoordinatorConfig config() {
        return config;
    }

    /** The {@code __transaction_state} partition that holds {@code transactionalId}. */
    public int partitionFor(String transactionalId) {
        return shards.partitionFor(transactionalId);
    }

    /**
     * Whether this broker can serve {@code transactionalId} now: NONE, COORDINATOR_NOT_AVAILABLE while the
     * state topic is being created (this call starts the creation), COORDINATOR_LOAD_IN_PROGRESS while loading.
     */
    public Errors coordinatorStatus(String transactionalId) {
        return shards.coordinatorStatus(transactionalId);
    }

    private <T> CompletableFuture<T> onShard(String transactionalId,
                                             Function<TransactionCoordinatorShard, CompletableFuture<T>> op) {
        Errors status = coordinatorStatus(transactionalId);
        if (status != Errors.NONE) {
            return CompletableFuture.failedFuture(new BrokerException(status,
                    "cannot coordinate transactional id " + transactionalId + " now"));
        }
        TransactionCoordinatorShard shard = shards.shardFor(transactionalId);
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
        for (TransactionCoordinatorShard shard : shards.all()) {
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
        for (TransactionCoordinatorShard shard : shards.all()) {
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

    /** Closes every shard, then stops the coordinator threads. */
    @Override
    public void close() {
        shards.close();
    }
}
