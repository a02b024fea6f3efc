package io.streambus.broker.partition;

import io.streambus.storage.AppendOrigin;
import io.streambus.storage.AppendRequest;
import io.streambus.storage.AppendResult;
import io.streambus.storage.DurabilityPolicy;
import io.streambus.storage.PartitionLog;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's view of one partition it hosts: the local log plus the replication state that decides
 * what consumers may see (the high watermark) and who leads.
 *
 * <p><b>High watermark.</b> On a single node it is the offset below which appends are durable under the
 * log's policy: under {@code fsync} it advances when {@link PartitionLog#awaitDurable} completes (the group
 * commit), under {@code interval} and {@code none} that future completes at once, so it follows the log end.
 * Every append asks for durability whatever the acks, so acks=1 data becomes visible after the next group
 * commit. With replication the same method will take the minimum over the in-sync replicas.
 *
 * <p>Threading: created and retired by the {@link PartitionManager} on the metadata thread. {@link #append}
 * and {@link #deleteRecordsBefore} run on the partition's {@link PartitionWriters} thread (its single
 * writer). The high watermark is a volatile read from any thread; its advance is serialised by this
 * object's monitor because group commits may complete out of order on the flusher threads.
 */
public final class Partition {

    private static final Logger log = LoggerFactory.getLogger(Partition.class);

    private final TopicPartition topicPartition;
    private final Uuid topicId;
    private final PartitionLog partitionLog;
    private final HighWatermarkListener listener;
    private volatile int leaderEpoch;
    private volatile long highWatermark;

    public Partition(TopicPartition topicPartition, Uuid topicId, PartitionLog partitionLog, int leaderEpoch,
                     HighWatermarkListener listener) {
        this.topicPartition = Objects.requireNonNull(topicPartition, "topicPartition");
        this.topicId = Objects.requireNonNull(topicId, "topicId");
        this.partitionLog = Objects.requireNonNull(partitionLog, "partitionLog");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.leaderEpoch = leaderEpoch;
        // After recovery everything up to the recovery point is on disk; under the weaker policies the
        // whole log counts, as it does for every later append.
        long visible = partitionLog.config().durability() == DurabilityPolicy.FSYNC
                ? partitionLog.recoveryPoint() : partitionLog.logEndOffset();
        this.highWatermark = Math.clamp(Math.max(partitionLog.highWatermark(), visible),
                partitionLog.logStartOffset(), partitionLog.logEndOffset());
        partitionLog.updateHighWatermark(highWatermark);
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public Uuid topicId() {
        return topicId;
    }

    public PartitionLog log() {
        return partitionLog;
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    void updateLeaderEpoch(int epoch) {
        this.leaderEpoch = epoch;
    }

    /** The offset below which records are visible to consumers and acks=all producers are answered. */
    public long highWatermark() {
        return highWatermark;
    }

    /** The last stable offset: the high watermark until transactions exist. */
    public long lastStableOffset() {
        return highWatermark;
    }

    /**
     * Appends client batches, stamped with the current leader epoch, and starts the durability wait that
     * advances the high watermark. Call on the partition's writer thread.
     *
     * @throws io.streambus.storage.InvalidBatchException if a batch is invalid; nothing was written
     */
    public AppendResult append(ByteBuffer records) {
        return append(AppendRequest.fromClient(records, leaderEpoch));
    }

    /**
     * Appends batches a coordinator built (its own records): validated and stamped like client batches,
     * without the idempotent-producer checks. Call on the partition's writer thread.
     */
    public AppendResult appendAsCoordinator(ByteBuffer records) {
        return append(new AppendRequest(records, leaderEpoch, AppendOrigin.COORDINATOR));
    }

    private AppendResult append(AppendRequest request) {
        AppendResult result = partitionLog.append(request);
        if (!result.duplicate()) {
            long end = result.lastOffset() + 1;
            partitionLog.awaitDurable(end).whenComplete((ignored, failure) -> {
                if (failure == null) {
                    advanceHighWatermark(end);
                } else {
                    log.error("[Partition {}] fsync failed below offset {}: {}", topicPartition, end,
                            failure.toString());
                }
            });
        }
        return result;
    }

    /**
     * Advances the log start offset to {@code offset} (DeleteRecords) and returns the new one. Call on the
     * partition's writer thread; the caller has checked that {@code offset} is not above the high watermark.
     */
    public long deleteRecordsBefore(long offset) {
        return partitionLog.deleteBefore(offset);
    }

    /** Moves the high watermark forward to {@code offset} (never back) and tells the listener. */
    void advanceHighWatermark(long offset) {
        synchronized (this) {
            if (offset <= highWatermark) {
                return;
            }
            highWatermark = offset;
            partitionLog.updateHighWatermark(offset); // checkpointed by the log manager
        }
        listener.onHighWatermarkAdvanced(topicPartition);
    }

    @Override
    public String toString() {
        return "Partition " + topicPartition;
    }
}
