package io.streambus.broker.coordinator.transaction;

import io.streambus.broker.coordinator.group.GroupCoordinatorService;
import io.streambus.broker.partition.Partition;
import io.streambus.broker.partition.ReplicaManager;
import io.streambus.storage.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes the commit or abort markers of a transaction to every partition in it, each on its partition's
 * writer thread, and completes once all are durable. A marker on a {@code __consumer_offsets} partition then
 * tells the group coordinator to apply or drop the transaction's pending offsets. Partitions no longer
 * hosted (a deleted topic) are skipped: there is nothing left to mark.
 *
 * <p>Threading: stateless; any thread. The future completes on a writer, flusher or coordinator thread.
 */
final class TransactionMarkerWriter {

    private final ReplicaManager replicas;
    private final GroupCoordinatorService groups;
    private final Time time;

    TransactionMarkerWriter(ReplicaManager replicas, GroupCoordinatorService groups, Time time) {
        this.replicas = replicas;
        this.groups = groups;
        this.time = time;
    }

    CompletableFuture<Void> write(long producerId, short producerEpoch, boolean commit,
                                  Set<TopicPartition> partitions) {
        List<CompletableFuture<Void>> written = new ArrayList<>(partitions.size());
        for (TopicPartition tp : partitions) {
            Optional<Partition> partition = replicas.partition(tp);
            if (partition.isEmpty()) {
                continue;
            }
            written.add(write(partition.get(), producerId, producerEpoch, commit));
        }
        return CompletableFuture.allOf(written.toArray(CompletableFuture[]::new));
    }

    /** One marker: appended, durable, then (offsets partitions) applied by the group coordinator. */
    CompletableFuture<Void> write(Partition partition, long producerId, short producerEpoch, boolean commit) {
        TopicPartition tp = partition.topicPartition();
        return replicas.appendTxnMarker(partition, producerId, producerEpoch, 0, commit, time.milliseconds())
                .thenCompose(appended -> partition.log().awaitDurable(appended.lastOffset() + 1))
                .thenCompose(durable -> GroupCoordinatorService.TOPIC.equals(tp.topic())
                        ? groups.completeTransaction(tp.partition(), producerId, commit)
                        : CompletableFuture.completedFuture(null));
    }
}
