package io.streambus.broker.partition;

import io.streambus.broker.purgatory.DelayedOperationTimer;
import io.streambus.broker.purgatory.Purgatory;
import io.streambus.storage.ActiveProducer;
import io.streambus.storage.AppendResult;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * The data path's front door for handlers: finds hosted partitions, runs appends and record deletions on
 * each partition's writer thread, and owns the purgatories where acks=all produces and fetch long-polls
 * wait. When a partition's high watermark advances, or the partition goes away, the requests waiting on it
 * are re-checked.
 *
 * <p>Threading: thread-safe. Appends complete on the partition's append thread; delayed operations
 * complete on the thread that advanced the watermark (append or flusher thread) or on the timer thread.
 */
public final class ReplicaManager implements AutoCloseable {

    /** Append threads when the broker config does not say otherwise: a few, as the disk is the limit. */
    public static final int DEFAULT_APPEND_THREADS = 4;

    private final PartitionManager partitions;
    private final PartitionWriters writers;
    private final Purgatory<TopicPartition> producePurgatory;
    private final Purgatory<TopicPartition> fetchPurgatory;

    public ReplicaManager(PartitionManager partitions, DelayedOperationTimer timer, int appendThreads) {
        this.partitions = partitions;
        this.writers = new PartitionWriters(appendThreads);
        this.producePurgatory = new Purgatory<>("Produce", timer);
        this.fetchPurgatory = new Purgatory<>("Fetch", timer);
        partitions.onHighWatermarkAdvanced(this::wakeWaiters);
        partitions.onPartitionRemoved(partition -> wakeWaiters(partition.topicPartition()));
    }

    public Optional<Partition> partition(TopicPartition topicPartition) {
        return partitions.partition(topicPartition);
    }

    /** Appends client batches on the partition's writer thread; the future completes there. */
    public CompletableFuture<AppendResult> append(Partition partition, ByteBuffer records) {
        return writers.submit(partition.topicPartition(), () -> partition.append(records));
    }

    /** Appends a verified transactional producer's batches (see {@link Partition#append(ByteBuffer, Object)}). */
    public CompletableFuture<AppendResult> appendTransactional(Partition partition, ByteBuffer records,
                                                               Object verificationGuard) {
        return writers.submit(partition.topicPartition(), () -> partition.append(records, verificationGuard));
    }

    /** Writes a transaction marker on the partition's writer thread; the future completes there. */
    public CompletableFuture<AppendResult> appendTxnMarker(Partition partition, long producerId, short producerEpoch,
                                                           int coordinatorEpoch, boolean commit, long timestampMs) {
        return writers.submit(partition.topicPartition(),
                () -> partition.appendTxnMarker(producerId, producerEpoch, coordinatorEpoch, commit, timestampMs));
    }

    /** Appends a coordinator's own batches on the partition's writer thread; the future completes there. */
    public CompletableFuture<AppendResult> appendAsCoordinator(Partition partition, ByteBuffer records) {
        return writers.submit(partition.topicPartition(), () -> partition.appendAsCoordinator(records));
    }

    /** The producers the partition's log remembers (DescribeProducers), read on its writer thread. */
    public CompletableFuture<List<ActiveProducer>> activeProducers(Partition partition) {
        // On the writer thread, so the event loop never waits for the log's lock behind an append.
        return writers.submit(partition.topicPartition(), () -> partition.log().activeProducers());
    }

    /** Advances the log start offset on the partition's writer thread; completes with the new one. */
    public CompletableFuture<Long> deleteRecordsBefore(Partition partition, long offset) {
        // Fetches waiting below the new log start must now answer OFFSET_OUT_OF_RANGE: wake them.
        return writers.submit(partition.topicPartition(), () -> partition.deleteRecordsBefore(offset))
                .whenComplete((start, failure) -> wakeWaiters(partition.topicPartition()));
    }

    /** Where acks=all produces wait for the high watermark, keyed by partition. */
    public Purgatory<TopicPartition> producePurgatory() {
        return producePurgatory;
    }

    /** Where fetch long-polls wait for data, keyed by partition. */
    public Purgatory<TopicPartition> fetchPurgatory() {
        return fetchPurgatory;
    }

    private void wakeWaiters(TopicPartition topicPartition) {
        producePurgatory.checkAndComplete(topicPartition);
        fetchPurgatory.checkAndComplete(topicPartition);
    }

    @Override
    public void close() {
        writers.close();
    }
}
