package io.streambus.broker.coordinator.group;

import io.streambus.broker.api.BrokerException;
import io.streambus.broker.partition.Partition;
import io.streambus.broker.partition.ReplicaManager;
import io.streambus.broker.purgatory.DelayedOperationTimer;
import io.streambus.broker.purgatory.TimerTask;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.storage.InvalidBatchException;
import io.streambus.storage.ReadRequest;
import io.streambus.storage.ReadResult;
import io.streambus.storage.Time;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.ControlRecordType;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator for the groups of one {@code __consumer_offsets} partition: their state, the
 * protocol operations on it and the writes of its records.
 *
 * <p><b>Records in, state out.</b> Committed offsets and group deletions change state only by
 * {@link #replay}ing records, after the append succeeded; loading replays the partition from its start with
 * the same method. Membership is driven by members' requests and timers and written after each change
 * (classic groups: a GroupMetadata record after each rebalance and when they empty; KIP-848 groups: records
 * for the group and each changed member); loading replays them so a restarted coordinator resumes where it was. Responses to writes
 * are sent once the high watermark passes their records (durable under the partition's policy).
 *
 * <p>Threading: single-threaded. Every operation, replay, timer action and load runs on this shard's
 * {@link #executor} (one of the service's coordinator threads), so state needs no locks and an operation
 * never blocks: appends go to the partition's writer thread and come back here.
 */
final class GroupCoordinatorShard {

    private static final Logger log = LoggerFactory.getLogger(GroupCoordinatorShard.class);
    private static final int LOAD_READ_BYTES = 1024 * 1024;

    enum Status { LOADING, ACTIVE, CLOSED }

    private record PendingWrite(long endOffset, CompletableFuture<Void> future) {
    }

    private final Partition partition;
    private final ReplicaManager replicas;
    private final Executor executor;
    private final DelayedOperationTimer timer;
    private final Time time;
    private final GroupCoordinatorConfig config;
    private final Supplier<MetadataImage> metadata;
    private final Map<String, Group> groups = new HashMap<>();
    private final ArrayDeque<PendingWrite> awaitingHighWatermark = new ArrayDeque<>();
    private final String logPrefix;
    private volatile Status status = Status.LOADING;
    final ClassicGroupProtocol classic;
    final ConsumerGroupProtocol consumer;
    final OffsetOperations offsets;
    final GroupAdminOperations admin;
    final PendingTxnOffsets pendingTxnOffsets = new PendingTxnOffsets();

    GroupCoordinatorShard(Partition partition, ReplicaManager replicas, Executor executor,
                          DelayedOperationTimer timer, Time time, GroupCoordinatorConfig config,
                          Supplier<MetadataImage> metadata) {
        this.partition = partition;
        this.replicas = replicas;
        this.executor = executor;
        this.timer = timer;
        this.time = time;
        this.config = config;
        this.metadata = metadata;
        this.logPrefix = "[GroupCoordinator " + partition.topicPartition().partition() + "] ";
        this.classic = new ClassicGroupProtocol(this);
        this.consumer = new ConsumerGroupProtocol(this);
        this.offsets = new OffsetOperations(this);
        this.admin = new GroupAdminOperations(this);
    }

    Status status() {
        return status;
    }

    GroupCoordinatorConfig config() {
        return config;
    }

    Time time() {
        return time;
    }

    MetadataImage metadata() {
        return metadata.get();
    }

    String logPrefix() {
        return logPrefix;
    }

    Map<String, Group> groups() {
        return groups;
    }

    Group group(String groupId) {
        return groups.get(groupId);
    }

    Group getOrCreateGroup(String groupId) {
        return groups.computeIfAbsent(groupId, id -> new Group(id, time.milliseconds()));
    }

    void removeGroup(String groupId) {
        Group removed = groups.remove(groupId);
        if (removed != null) {
            removed.transitionTo(GroupState.DEAD, time.milliseconds());
        }
    }

    /**
     * Runs {@code operation} on the shard thread once the shard is active; fails with
     * COORDINATOR_LOAD_IN_PROGRESS while it loads and NOT_COORDINATOR once it is closed.
     */
    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                switch (status) {
                    case LOADING -> throw new BrokerException(Errors.COORDINATOR_LOAD_IN_PROGRESS,
                            "the coordinator is loading its groups");
                    case CLOSED -> throw new BrokerException(Errors.NOT_COORDINATOR,
                            "this broker no longer coordinates these groups");
                    case ACTIVE -> operation.get().whenComplete((value, failure) -> {
                        if (failure != null) {
                            result.completeExceptionally(failure);
                        } else {
                            result.complete(value);
                        }
                    });
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Runs {@code action} on the shard thread after {@code delayMs}, unless the task is cancelled first. */
    TimerTask schedule(long delayMs, Runnable action) {
        TimerTask task = new TimerTask(time.nanoseconds() + TimeUnit.MILLISECONDS.toNanos(delayMs)) {
            @Override
            protected void run() {
                enqueue(() -> {
                    if (status == Status.ACTIVE) {
                        runSafely(action);
                    }
                });
            }
        };
        timer.add(task);
        return task;
    }

    /** Runs {@code action} on the shard thread (from a completion on another thread). */
    void execute(Runnable action) {
        enqueue(() -> runSafely(action));
    }

    private void enqueue(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // The service is shutting down: timers and late completions have nothing left to act on.
            log.debug("{}dropping a task after shutdown", logPrefix);
        }
    }

    private void runSafely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.error("{}unexpected error in a coordinator task", logPrefix, e);
        }
    }

    /**
     * Appends {@code records}, replays them here once appended, and completes (on this thread) when the high
     * watermark has passed them. Fails with COORDINATOR_NOT_AVAILABLE if the append fails (nothing is
     * replayed), or INVALID_COMMIT_OFFSET_SIZE if the batch is too large. Call on the shard thread.
     */
    CompletableFuture<Void> write(List<GroupRecord> records) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        ByteBuffer buffer = MemoryRecords.withRecords(Compression.NONE, simpleRecords(records)).buffer();
        return append(buffer, records.size(), () -> records.forEach(record -> replay(record, false)));
    }

    /**
     * Writes offset commits of a transaction (TxnOffsetCommit) as one transactional batch of the producer;
     * once appended they are pending until the transaction's marker (see {@link #completeTransaction}).
     */
    CompletableFuture<Void> writeTransactional(List<GroupRecord.OffsetCommit> records, long producerId,
                                               short producerEpoch) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        // Sequence 0: the builder wants one; coordinator appends skip the producer's sequence checks.
        ByteBuffer buffer = MemoryRecords.withTransactionalRecords(Compression.NONE, producerId, producerEpoch,
                0, simpleRecords(records)).buffer();
        return append(buffer, records.size(), () -> records.forEach(record -> pendingTxnOffsets.add(producerId, record)));
    }

    /** A transaction marker for {@code producerId} was written to this partition: apply or drop its offsets. */
    void completeTransaction(long producerId, boolean commit) {
        for (GroupRecord.OffsetCommit record : pendingTxnOffsets.complete(producerId, commit)) {
            replay(record, false);
        }
    }

    private SimpleRecord[] simpleRecords(List<? extends GroupRecord> records) {
        long nowMs = time.milliseconds();
        SimpleRecord[] simple = new SimpleRecord[records.size()];
        for (int i = 0; i < simple.length; i++) {
            GroupRecord record = records.get(i);
            simple[i] = new SimpleRecord(nowMs, GroupRecordSerde.key(record), GroupRecordSerde.value(record));
        }
        return simple;
    }

    private CompletableFuture<Void> append(ByteBuffer buffer, int count, Runnable onAppended) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        replicas.appendAsCoordinator(partition, buffer).whenComplete((result, failure) -> execute(() -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                log.warn("{}failed to append {} records: {}", logPrefix, count, cause.toString());
                durable.completeExceptionally(cause instanceof InvalidBatchException
                        ? new BrokerException(Errors.INVALID_COMMIT_OFFSET_SIZE, cause.getMessage())
                        : new BrokerException(Errors.COORDINATOR_NOT_AVAILABLE, cause.getMessage()));
                return;
            }
            onAppended.run();
            awaitingHighWatermark.add(new PendingWrite(result.lastOffset() + 1, durable));
            completeDurableWrites();
        }));
        return durable;
    }

    /** The partition's high watermark moved: complete the writes below it (any thread). */
    void onHighWatermarkAdvanced() {
        execute(this::completeDurableWrites);
    }

    private void completeDurableWrites() {
        long highWatermark = partition.highWatermark();
        while (!awaitingHighWatermark.isEmpty() && awaitingHighWatermark.peek().endOffset() <= highWatermark) {
            awaitingHighWatermark.poll().future().complete(null);
        }
    }

    /**
     * Applies one record to the state. Offsets and tombstones apply on both paths; a GroupMetadata value only
     * when loading, since on the live path it was written from the group's current membership.
     */
    void replay(GroupRecord record, boolean loading) {
        switch (record) {
            case GroupRecord.OffsetCommit commit -> {
                if (commit.value() != null) {
                    getOrCreateGroup(commit.groupId()).offsets.put(commit.topicPartition(), commit.value());
                } else {
                    Group group = groups.get(commit.groupId());
                    if (group != null) {
                        group.offsets.remove(commit.topicPartition());
                        if (loading && group.is(GroupState.EMPTY) && group.offsets.isEmpty()
                                && group.protocolType == null) {
                            groups.remove(commit.groupId());
                        }
                    }
                }
            }
            case GroupRecord.GroupMetadata metadataRecord -> {
                if (metadataRecord.value() == null) {
                    removeGroup(metadataRecord.groupId());
                } else if (loading) {
                    getOrCreateGroup(metadataRecord.groupId()).restore(metadataRecord.value());
                }
            }
            case GroupRecord.ConsumerGroupMetadata metadataRecord -> {
                if (loading || metadataRecord.value() == null) {
                    consumer.replay(record);
                }
            }
            case GroupRecord.ConsumerGroupMember ignored -> {
                if (loading) {
                    consumer.replay(record);
                }
            }
        }
    }

    /** Replays the partition from its start, then starts serving. Runs on the shard thread. */
    void load() {
        executor.execute(() -> {
            long startNs = time.nanoseconds();
            try {
                int records = replayLog();
                classic.onLoaded();
                consumer.onLoaded();
                status = Status.ACTIVE;
                offsets.scheduleExpiry();
                log.info("{}loaded {} groups from {} records in {} ms", logPrefix, groups.size(), records,
                        TimeUnit.NANOSECONDS.toMillis(time.nanoseconds() - startNs));
            } catch (IOException | RuntimeException e) {
                log.error("{}loading failed; the groups of this partition stay unavailable", logPrefix, e);
            }
        });
    }

    private int replayLog() throws IOException {
        long offset = partition.log().logStartOffset();
        long end = partition.highWatermark();
        int count = 0;
        while (offset < end) {
            ReadResult result = partition.log().read(new ReadRequest(offset, LOAD_READ_BYTES, end, true));
            if (!(result instanceof ReadResult.Records read) || read.isEmpty()) {
                break;
            }
            ByteBuffer buffer = ByteBuffer.allocate(read.slice().sizeInBytes());
            read.slice().readInto(buffer);
            buffer.flip();
            long next = offset;
            for (RecordBatch batch : MemoryRecords.readableRecords(buffer).batches()) {
                if (batch.isControlBatch()) {
                    if (batch.lastOffset() >= offset) {
                        Record marker = batch.iterator().next();
                        completeTransaction(batch.producerId(),
                                ControlRecordType.parse(marker.key()) == ControlRecordType.COMMIT);
                    }
                    next = batch.nextOffset();
                    continue;
                }
                for (Record record : batch) {
                    if (record.offset() < offset || !record.hasKey()) {
                        continue;
                    }
                    try {
                        GroupRecord parsed = GroupRecordSerde.read(record.key(), record.hasValue() ? record.value() : null);
                        if (batch.isTransactional() && parsed instanceof GroupRecord.OffsetCommit commit) {
                            pendingTxnOffsets.add(batch.producerId(), commit);
                        } else {
                            replay(parsed, true);
                        }
                        count++;
                    } catch (GroupRecordSerde.UnknownRecordException e) {
                        log.warn("{}skipping record at offset {}: {}", logPrefix, record.offset(), e.getMessage());
                    }
                }
                next = batch.nextOffset();
            }
            if (next <= offset) {
                break;
            }
            offset = next;
        }
        return count;
    }

    /** Stops serving (the partition went away or the broker stops): pending operations fail. */
    void close() {
        enqueue(() -> {
            status = Status.CLOSED;
            classic.onClosed();
            consumer.onClosed();
            offsets.cancelExpiry();
            BrokerException notCoordinator = new BrokerException(Errors.NOT_COORDINATOR, "coordinator closed");
            awaitingHighWatermark.forEach(write -> write.future().completeExceptionally(notCoordinator));
            awaitingHighWatermark.clear();
            groups.clear();
            pendingTxnOffsets.clear();
        });
    }
}
