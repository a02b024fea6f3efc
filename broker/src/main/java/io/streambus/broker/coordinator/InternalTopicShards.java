package io.streambus.broker.coordinator;

import io.streambus.broker.partition.Partition;
import io.streambus.broker.partition.PartitionManager;
import io.streambus.broker.partition.ReplicaManager;
import io.streambus.broker.purgatory.DelayedOperationTimer;
import io.streambus.metadata.controller.ApiError;
import io.streambus.metadata.controller.ControllerService;
import io.streambus.metadata.controller.CreatableTopic;
import io.streambus.metadata.loader.MetadataLoader;
import io.streambus.storage.Time;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
 * The coordinator shards of one compacted internal topic ({@code __consumer_offsets},
 * {@code __transaction_state}): one shard per partition of the topic this broker hosts, created and loaded
 * when the partition appears, closed when it goes, told when its high watermark moves. Also finds a key's
 * partition by Kafka's rule (abs(key.hashCode()) % partitions), creates the topic through the controller on
 * first need and maps a shard's status to the error FindCoordinator answers. The services keep only their
 * operations.
 *
 * <p>Threading: thread-safe. The shard map is concurrent: partition listeners add and remove shards on the
 * metadata log's thread, high-watermark listeners run on the partition's thread, lookups run on any thread.
 * This class owns {@code threadCount} single-threaded coordinator executors; a shard is pinned to
 * executor {@code partition % threadCount} and its {@link CoordinatorRuntime} runs everything of the shard
 * there. Topic creation completes on the controller's thread.
 *
 * @param <S> the service's shard type
 */
public final class InternalTopicShards<S extends InternalTopicShards.Shard> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InternalTopicShards.class);

    /** A coordinator shard on one partition of the internal topic. */
    public interface Shard {

        CoordinatorRuntime runtime();

        /** Replays the partition on the shard thread, then serves. */
        void load();

        /** Stops serving; runs on the shard thread. */
        void close();
    }

    /**
     * The internal topic and how to name its coordinator.
     *
     * @param topic             the topic's name
     * @param partitions        its partition count (also the modulus of {@link #partitionFor})
     * @param replicationFactor its replication factor when created
     * @param logName           e.g. {@code GroupCoordinator}; log prefixes are {@code [logName] } and
     *                          {@code [logName partition] }
     * @param threadNamePrefix  e.g. {@code group-coordinator-}; threads are named prefix + index
     */
    public record InternalTopic(String topic, int partitions, short replicationFactor, String logName,
                                String threadNamePrefix) {
    }

    private final InternalTopic spec;
    private final PartitionManager partitions;
    private final ReplicaManager replicas;
    private final ControllerService controller;
    private final MetadataLoader metadata;
    private final DelayedOperationTimer timer;
    private final Time time;
    private final Function<CoordinatorRuntime, S> shardFactory;
    private final ExecutorService[] threads;
    private final Map<Integer, S> shards = new ConcurrentHashMap<>();
    private final AtomicBoolean creatingTopic = new AtomicBoolean();

    /** Starts the coordinator threads; {@code shardFactory} builds a (not yet loaded) shard on a runtime. */
    public InternalTopicShards(InternalTopic spec, PartitionManager partitions, ReplicaManager replicas,
                               ControllerService controller, MetadataLoader metadata, DelayedOperationTimer timer,
                               Time time, int threadCount, Function<CoordinatorRuntime, S> shardFactory) {
        this.spec = spec;
        this.partitions = partitions;
        this.replicas = replicas;
        this.controller = controller;
        this.metadata = metadata;
        this.timer = timer;
        this.time = time;
        this.shardFactory = shardFactory;
        this.threads = new ExecutorService[threadCount];
        for (int i = 0; i < threadCount; i++) {
            threads[i] = Executors.newSingleThreadExecutor(
                    Thread.ofPlatform().daemon().name(spec.threadNamePrefix() + i).factory());
        }
    }

    /** Starts coordinating the topic's partitions hosted now and those that appear later. */
    public void start() {
        partitions.onPartitionAdded(this::maybeAddShard);
        partitions.onPartitionRemoved(partition -> {
            if (spec.topic().equals(partition.topicPartition().topic())) {
                S shard = shards.remove(partition.topicPartition().partition());
                if (shard != null) {
                    shard.close();
                }
            }
        });
        partitions.onHighWatermarkAdvanced(tp -> {
            if (spec.topic().equals(tp.topic())) {
                S shard = shards.get(tp.partition());
                if (shard != null) {
                    shard.runtime().onHighWatermarkAdvanced();
                }
            }
        });
        partitions.partitions().forEach(this::maybeAddShard);
    }

    private void maybeAddShard(Partition partition) {
        TopicPartition tp = partition.topicPartition();
        if (!spec.topic().equals(tp.topic())) {
            return;
        }
        shards.computeIfAbsent(tp.partition(), index -> {
            CoordinatorRuntime runtime = new CoordinatorRuntime(partition, replicas, threads[index % threads.length],
                    timer, time, "[" + spec.logName() + " " + index + "] ");
            S shard = shardFactory.apply(runtime);
            shard.load();
            return shard;
        });
    }

    /** The topic's partition that holds {@code key}. */
    public int partitionFor(String key) {
        return Utils.abs(key.hashCode()) % spec.partitions();
    }

    /** The shard of {@code partition}, or null if this broker does not host it. */
    public S shard(int partition) {
        return shards.get(partition);
    }

    /** The shard that holds {@code key}, or null if this broker does not host its partition. */
    public S shardFor(String key) {
        return shards.get(partitionFor(key));
    }

    /** The hosted shards (a live view). */
    public Collection<S> all() {
        return shards.values();
    }

    /**
     * Whether this broker can serve {@code key} now: NONE; COORDINATOR_NOT_AVAILABLE while the topic is
     * being created (this call starts the creation) or its partition is not hosted here;
     * COORDINATOR_LOAD_IN_PROGRESS while loading; NOT_COORDINATOR once closed.
     */
    public Errors coordinatorStatus(String key) {
        if (metadata.current().topics().topic(spec.topic()) == null) {
            ensureTopic();
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        S shard = shardFor(key);
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
        CreatableTopic topic = CreatableTopic.of(spec.topic(), spec.partitions(), spec.replicationFactor())
                .withConfigs(Map.of("cleanup.policy", "compact"));
        controller.createTopics(List.of(topic), false).whenComplete((results, failure) -> {
            ApiError error = failure != null ? ApiError.of(Errors.UNKNOWN_SERVER_ERROR, failure.getMessage())
                    : results.getFirst().error();
            if (error.isSuccess()) {
                log.info("[{}] created {} with {} partitions", spec.logName(), spec.topic(), spec.partitions());
            } else if (error.error() != Errors.TOPIC_ALREADY_EXISTS) {
                log.warn("[{}] creating {} failed: {}", spec.logName(), spec.topic(), error);
            }
            creatingTopic.set(false); // a failed creation is retried by the next request
        });
    }

    /** Closes every shard, then stops the coordinator threads (waiting up to 10 s each). */
    @Override
    public void close() {
        shards.values().forEach(Shard::close);
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
