package io.streambus.broker.partition;

import io.streambus.storage.AppendOrigin;
import io.streambus.storage.AppendRequest;
import io.streambus.storage.AppendResult;
import io.streambus.storage.DurabilityPolicy;
import io.streambus.storage.PartitionLog;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import io.streambus.broker.api.BrokerException;
import io.streambus.storage.batch.BatchHeader;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.ControlRecordType;
import org.apache.kafka.common.record.EndTransactionMarker;
import org.apache.kafka.common.record.MemoryRecords;
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
    private volatile int inSyncReplicas = 1;
    private volatile ProducePolicy producePolicy = ProducePolicy.DEFAULT;
    private volatile long highWatermark;
    /** Producer id to the guard of its pending verified transactional append (KIP-890 part 1). */
    private final ConcurrentHashMap<Long, Object> verificationGuards = new ConcurrentHashMap<>();
    /**
     * Producers whose transaction is open in this log, as far as this broker wrote it: added by their first
     * transactional append, removed by their marker (writer thread); read lock-free to skip re-verifying.
     */
    private final Set<Long> openTransactions = ConcurrentHashMap.newKeySet();

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

    /** The size of the in-sync replica set, as the metadata image has it. */
    public int inSyncReplicas() {
        return inSyncReplicas;
    }

    void updateInSyncReplicas(int count) {
        this.inSyncReplicas = count;
    }

    public ProducePolicy producePolicy() {
        return producePolicy;
    }

    void updateProducePolicy(ProducePolicy policy) {
        this.producePolicy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * The checks a client's produce passes before its batches go to the writer thread: {@code
     * min.insync.replicas} for acks=all, the timestamp window for CreateTime topics. Any thread.
     *
     * @throws BrokerException NOT_ENOUGH_REPLICAS or INVALID_TIMESTAMP; nothing is appended
     */
    public void checkProduce(short acks, ByteBuffer records, long nowMs) {
        ProducePolicy policy = producePolicy;
        if (acks == -1) {
            policy.checkInSyncReplicas(topicPartition, inSyncReplicas);
        }
        policy.checkTimestamps(records, nowMs);
    }

    /** The offset below which records are visible to consumers and acks=all producers are answered. */
    public long highWatermark() {
        return highWatermark;
    }

    /**
     * The last stable offset: below it every transaction is decided, so read_committed consumers read up to
     * it. The smaller of the high watermark and the first offset of the earliest open transaction.
     */
    public long lastStableOffset() {
        return Math.min(highWatermark, partitionLog.firstUnstableOffset());
    }

    /**
     * Starts the KIP-890 verification of a transactional append by {@code producerId}: the returned guard
     * must come back with the append ({@link #append(ByteBuffer, Object)}), and a transaction marker written
     * in between withdraws it, so an append verified against a transaction that then ended cannot open a
     * new, hanging one. Any thread.
     */
    /**
     * Whether {@code producerId}'s transaction is already open here, so its append needs no verification: if a
     * marker ends it meanwhile, the append is refused anyway (it then has neither an open transaction nor a
     * guard). Lock-free; may say false for a transaction opened before this broker started (it then verifies).
     */
    public boolean hasVerifiedTransaction(long producerId) {
        return openTransactions.contains(producerId);
    }

    public Object startVerification(long producerId) {
        // Concurrent requests of one producer (up to 5 in flight) share the guard: the first to append opens
        // the transaction here, and the others then need no guard.
        return verificationGuards.computeIfAbsent(producerId, id -> new Object());
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
     * Appends client batches of a transactional producer. If the producer has no open transaction in this
     * log yet, {@code verificationGuard} must be the one {@link #startVerification} gave and no marker may
     * have been written since; otherwise INVALID_TXN_STATE and nothing is written. Call on the writer thread.
     */
    public AppendResult append(ByteBuffer records, Object verificationGuard) {
        long producerId = records.getLong(records.position() + BatchHeader.PRODUCER_ID);
        if (!partitionLog.hasOpenTransaction(producerId)
                && (verificationGuard == null || verificationGuards.get(producerId) != verificationGuard)) {
            throw new BrokerException(Errors.INVALID_TXN_STATE, "the transaction of producer " + producerId
                    + " was not verified with its coordinator for " + topicPartition + ", or ended meanwhile");
        }
        verificationGuards.remove(producerId, verificationGuard);
        AppendResult result = append(AppendRequest.fromClient(records, leaderEpoch));
        openTransactions.add(producerId);
        return result;
    }

    /**
     * Writes a transaction marker (a control batch) ending {@code producerId}'s transaction in this
     * partition, and withdraws any verification in flight for it. Call on the writer thread.
     */
    public AppendResult appendTxnMarker(long producerId, short producerEpoch, int coordinatorEpoch, boolean commit,
                                        long timestampMs) {
        verificationGuards.remove(producerId);
        openTransactions.remove(producerId);
        ControlRecordType type = commit ? ControlRecordType.COMMIT : ControlRecordType.ABORT;
        MemoryRecords marker = MemoryRecords.withEndTransactionMarker(timestampMs, producerId,
                producerEpoch, new EndTransactionMarker(type, coordinatorEpoch));
        return append(new AppendRequest(marker.buffer(), leaderEpoch, AppendOrigin.COORDINATOR));
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
