package io.streambus.broker.coordinator.group;

import io.streambus.broker.api.BrokerException;
import io.streambus.broker.coordinator.CoordinatorRuntime;
import io.streambus.broker.coordinator.InternalTopicShards;
import io.streambus.broker.purgatory.TimerTask;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.storage.InvalidBatchException;
import io.streambus.storage.Time;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * <p>Threading: single-threaded. Every operation, replay, timer action and load runs on this shard's thread
 * (its {@link CoordinatorRuntime}'s, one of the service's coordinator threads), so state needs no locks and an
 * operation never blocks: appends go to the partition's writer thread and come back here.
 */
final class GroupCoordinatorShard implements InternalTopicShards.Shard {

    private static final Logger log = LoggerFactory.getLogger(GroupCoordinatorShard.class);

    private final CoordinatorRuntime runtime;
    private final Time time;
    private final GroupCoordinatorConfig config;
    private final Supplier<MetadataImage> metadata;
    private final Map<String, Group> groups = new HashMap<>();
    private final String logPrefix;
    final ClassicGroupProtocol classic;
    final ConsumerGroupProtocol consumer;
    final OffsetOperations offsets;
    final GroupAdminOperations admin;
    final PendingTxnOffsets pendingTxnOffsets = new PendingTxnOffsets();

    GroupCoordinatorShard(CoordinatorRuntime runtime, Time time, GroupCoordinatorConfig config,
                          Supplier<MetadataImage> metadata) {
        this.runtime = runtime;
        this.logPrefix = runtime.logPrefix();
        this.time = time;
        this.config = config;
        this.metadata = metadata;
        this.classic = new ClassicGroupProtocol(this);
        this.consumer = new ConsumerGroupProtocol(this);
        this.offsets = new OffsetOperations(this);
        this.admin = new GroupAdminOperations(this);
    }

    @Override
    public CoordinatorRuntime runtime() {
        return runtime;
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
        return runtime.submit(operation);
    }

    /** Runs {@code action} on the shard thread after {@code delayMs}, unless the task is cancelled first. */
    TimerTask schedule(long delayMs, Runnable action) {
        return runtime.schedule(delayMs, action);
    }

    /** Runs {@code action} on the shard thread (from a completion on another thread). */
    void execute(Runnable action) {
        runtime.execute(action);
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
        return runtime.write(buffer, onAppended, cause -> {
            log.warn("{}failed to append {} records: {}", logPrefix, count, cause.toString());
            return cause instanceof InvalidBatchException
                    ? new BrokerException(Errors.INVALID_COMMIT_OFFSET_SIZE, cause.getMessage())
                    : new BrokerException(Errors.COORDINATOR_NOT_AVAILABLE, cause.getMessage());
        });
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
    @Override
    public void load() {
        int[] records = {0};
        runtime.load(batch -> records[0] += replayBatch(batch), () -> {
            classic.onLoaded();
            consumer.onLoaded();
            offsets.scheduleExpiry();
            log.info("{}loaded {} groups from {} records", logPrefix, groups.size(), records[0]);
        });
    }

    /** Replays one batch of the log while loading; transactional offsets wait for their marker. */
    private int replayBatch(RecordBatch batch) {
        if (batch.isControlBatch()) {
            Record marker = batch.iterator().next();
            completeTransaction(batch.producerId(), ControlRecordType.parse(marker.key()) == ControlRecordType.COMMIT);
            return 0;
        }
        int count = 0;
        for (Record record : batch) {
            if (!record.hasKey()) {
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
        return count;
    }

    /** Stops serving (the partition went away or the broker stops): pending operations fail. */
    @Override
    public void close() {
        runtime.close(() -> {
            classic.onClosed();
            consumer.onClosed();
            offsets.cancelExpiry();
            groups.clear();
            pendingTxnOffsets.clear();
        });
    }
}
