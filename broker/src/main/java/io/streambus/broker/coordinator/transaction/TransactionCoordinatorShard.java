package io.streambus.broker.coordinator.transaction;

import io.streambus.broker.api.BrokerException;
import io.streambus.broker.coordinator.CoordinatorRuntime;
import io.streambus.broker.coordinator.InternalTopicShards;
import io.streambus.broker.producer.ProducerIdManager;
import io.streambus.broker.purgatory.TimerTask;
import io.streambus.storage.Time;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction coordinator for the transactional ids of one {@code __transaction_state} partition.
 *
 * <p><b>Records in, state out.</b> Every change is a {@link TransactionValue} written to the partition and
 * {@link #replay}ed once appended; loading replays the partition. Answers go out once the record is
 * durable. While a write for an id is in flight, other requests for it get CONCURRENT_TRANSACTIONS.
 *
 * <p><b>Ending a transaction.</b> EndTxn (or a timeout, or an InitProducerId over an ongoing transaction)
 * writes PrepareCommit/PrepareAbort; once durable the {@link TransactionMarkerWriter} writes the markers to
 * every partition of the transaction, and once those are durable CompleteCommit/CompleteAbort is written.
 * A failed marker write is retried; a coordinator that loads an id in a Prepare state resumes its markers,
 * so no transaction is left half-written. Aborts the coordinator starts itself bump the epoch first, so
 * the old producer (a zombie) is fenced at every partition by the marker's epoch.
 *
 * <p>Threading: single-threaded, on the runtime's shard thread.
 */
final class TransactionCoordinatorShard implements InternalTopicShards.Shard {

    private static final Logger log = LoggerFactory.getLogger(TransactionCoordinatorShard.class);
    private static final long MARKER_RETRY_MS = 500;

    /** One transactional id: its durable value (null while its first id is being allocated). */
    static final class Entry {
        TransactionValue value;
        boolean writing;
    }

    private final CoordinatorRuntime runtime;
    private final TransactionCoordinatorConfig config;
    private final Time time;
    private final ProducerIdManager producerIds;
    private final TransactionMarkerWriter markers;
    private final Map<String, Entry> txns = new HashMap<>();
    private final String logPrefix;
    private TimerTask timeoutTask;

    TransactionCoordinatorShard(CoordinatorRuntime runtime, TransactionCoordinatorConfig config, Time time,
                                ProducerIdManager producerIds, TransactionMarkerWriter markers) {
        this.runtime = runtime;
        this.config = config;
        this.time = time;
        this.producerIds = producerIds;
        this.markers = markers;
        this.logPrefix = runtime.logPrefix();
    }

    @Override
    public CoordinatorRuntime runtime() {
        return runtime;
    }

    Map<String, Entry> transactions() {
        return txns;
    }

    // ---- InitProducerId ----

    CompletableFuture<InitProducerIdResult> initProducerId(String id, int timeoutMs, long expectedProducerId,
                                                           short expectedEpoch) {
        if (timeoutMs <= 0 || timeoutMs > config.maxTimeoutMs()) {
            return done(InitProducerIdResult.failed(Errors.INVALID_TRANSACTION_TIMEOUT));
        }
        Entry entry = txns.get(id);
        if (entry != null && entry.writing) {
            return done(InitProducerIdResult.failed(Errors.CONCURRENT_TRANSACTIONS));
        }
        if (entry == null || entry.value == null || entry.value.state() == TransactionState.DEAD) {
            if (expectedProducerId >= 0) {
                return done(InitProducerIdResult.failed(Errors.INVALID_PRODUCER_ID_MAPPING));
            }
            return newProducerId(id, timeoutMs, null);
        }
        TransactionValue value = entry.value;
        if (expectedProducerId >= 0) {
            boolean current = expectedProducerId == value.producerId() && expectedEpoch == value.producerEpoch();
            boolean retried = value.state().isIdle() && ((expectedProducerId == value.producerId()
                    && expectedEpoch == value.lastProducerEpoch()) || expectedProducerId == value.lastProducerId());
            if (retried) {
                return done(InitProducerIdResult.of(value.producerId(), value.producerEpoch()));
            }
            if (!current) {
                return done(InitProducerIdResult.failed(Errors.PRODUCER_FENCED));
            }
        }
        return switch (value.state()) {
            case PREPARE_COMMIT, PREPARE_ABORT, PREPARE_EPOCH_FENCE ->
                    done(InitProducerIdResult.failed(Errors.CONCURRENT_TRANSACTIONS));
            case ONGOING -> fenceAndAbort(id, value).thenApply(ignored ->
                    InitProducerIdResult.failed(Errors.CONCURRENT_TRANSACTIONS));
            default -> {
                if (value.producerEpoch() >= Short.MAX_VALUE - 1) {
                    yield newProducerId(id, timeoutMs, value);
                }
                TransactionValue next = value.withEpoch(value.producerId(), (short) (value.producerEpoch() + 1),
                                time.milliseconds()).withTimeout(timeoutMs)
                        .withState(TransactionState.EMPTY, Set.of(), time.milliseconds());
                yield write(id, next).thenApply(ignored -> InitProducerIdResult.of(next.producerId(), next.producerEpoch()));
            }
        };
    }

    /** A fresh producer id at epoch 0 (first use of the id, or the epoch ran out). */
    private CompletableFuture<InitProducerIdResult> newProducerId(String id, int timeoutMs, TransactionValue previous) {
        Entry entry = txns.computeIfAbsent(id, key -> new Entry());
        entry.writing = true;
        CompletableFuture<InitProducerIdResult> result = new CompletableFuture<>();
        producerIds.nextProducerId().whenComplete((producerId, failure) -> runtime.execute(() -> {
            entry.writing = false;
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            long nowMs = time.milliseconds();
            TransactionValue next = previous == null
                    ? new TransactionValue(producerId, -1, (short) 0, (short) -1, timeoutMs, TransactionState.EMPTY,
                            Set.of(), -1, nowMs)
                    : previous.withEpoch(producerId, (short) 0, nowMs).withTimeout(timeoutMs)
                            .withState(TransactionState.EMPTY, Set.of(), nowMs);
            write(id, next).whenComplete((ignored, writeFailure) -> {
                if (writeFailure != null) {
                    result.completeExceptionally(writeFailure);
                } else {
                    result.complete(InitProducerIdResult.of(next.producerId(), next.producerEpoch()));
                }
            });
        }));
        return result;
    }

    // ---- AddPartitionsToTxn, AddOffsetsToTxn, verification ----

    CompletableFuture<Errors> addPartitions(String id, long producerId, short epoch, Set<TopicPartition> partitions) {
        Entry entry = txns.get(id);
        Errors error = checkProducer(entry, producerId, epoch);
        if (error != Errors.NONE) {
            return done(error);
        }
        TransactionValue value = entry.value;
        if (value.state().isPrepare() || value.state() == TransactionState.PREPARE_EPOCH_FENCE) {
            return done(Errors.CONCURRENT_TRANSACTIONS);
        }
        if (value.state() == TransactionState.DEAD) {
            return done(Errors.INVALID_TXN_STATE);
        }
        if (value.state() == TransactionState.ONGOING && value.partitions().containsAll(partitions)) {
            return done(Errors.NONE);
        }
        Set<TopicPartition> union = new HashSet<>(value.partitions());
        union.addAll(partitions);
        return write(id, value.withState(TransactionState.ONGOING, union, time.milliseconds()))
                .thenApply(ignored -> Errors.NONE);
    }

    /**
     * KIP-890 part 1: may this producer append transactional data to {@code partition} now? Only if its
     * transaction is ongoing with that partition added and the epoch is current.
     */
    Errors verify(String id, long producerId, short epoch, TopicPartition partition) {
        Entry entry = txns.get(id);
        if (entry == null || entry.value == null || entry.value.producerId() != producerId) {
            return Errors.INVALID_PRODUCER_ID_MAPPING;
        }
        if (epoch < entry.value.producerEpoch()) {
            return Errors.INVALID_PRODUCER_EPOCH;
        }
        if (epoch != entry.value.producerEpoch() || entry.value.state() != TransactionState.ONGOING
                || !entry.value.partitions().contains(partition)) {
            return Errors.INVALID_TXN_STATE;
        }
        return Errors.NONE;
    }

    /** The checks every request of a producer shares: known id, its producer id, its current epoch. */
    private static Errors checkProducer(Entry entry, long producerId, short epoch) {
        if (entry == null || entry.value == null || entry.value.producerId() != producerId) {
            return entry == null || entry.value == null ? Errors.INVALID_PRODUCER_ID_MAPPING
                    : entry.value.lastProducerId() == producerId ? Errors.PRODUCER_FENCED
                    : Errors.INVALID_PRODUCER_ID_MAPPING;
        }
        if (entry.writing) {
            return Errors.CONCURRENT_TRANSACTIONS;
        }
        if (epoch != entry.value.producerEpoch()) {
            return Errors.PRODUCER_FENCED;
        }
        return Errors.NONE;
    }

    // ---- EndTxn ----

    CompletableFuture<Errors> endTxn(String id, long producerId, short epoch, boolean commit) {
        Entry entry = txns.get(id);
        Errors error = checkProducer(entry, producerId, epoch);
        if (error != Errors.NONE) {
            return done(error);
        }
        TransactionValue value = entry.value;
        return switch (value.state()) {
            case ONGOING -> prepareAndComplete(id, value.withState(
                    commit ? TransactionState.PREPARE_COMMIT : TransactionState.PREPARE_ABORT,
                    value.partitions(), time.milliseconds())).thenApply(ignored -> Errors.NONE);
            case COMPLETE_COMMIT -> done(commit ? Errors.NONE : Errors.INVALID_TXN_STATE);
            case COMPLETE_ABORT -> done(commit ? Errors.INVALID_TXN_STATE : Errors.NONE);
            case PREPARE_COMMIT -> done(commit ? Errors.CONCURRENT_TRANSACTIONS : Errors.INVALID_TXN_STATE);
            case PREPARE_ABORT -> done(commit ? Errors.INVALID_TXN_STATE : Errors.CONCURRENT_TRANSACTIONS);
            case PREPARE_EPOCH_FENCE -> done(Errors.CONCURRENT_TRANSACTIONS);
            case EMPTY, DEAD -> done(Errors.INVALID_TXN_STATE);
        };
    }

    /** Aborts an ongoing transaction with the epoch bumped, fencing the producer that ran it. */
    private CompletableFuture<Void> fenceAndAbort(String id, TransactionValue value) {
        long nowMs = time.milliseconds();
        TransactionValue bumped = value.producerEpoch() < Short.MAX_VALUE - 1
                ? value.withEpoch(value.producerId(), (short) (value.producerEpoch() + 1), nowMs) : value;
        log.info("{}aborting the transaction of {} (producer {}), fencing epoch {}", logPrefix, id,
                value.producerId(), value.producerEpoch());
        return prepareAndComplete(id, bumped.withState(TransactionState.PREPARE_ABORT, value.partitions(), nowMs));
    }

    /** Writes the Prepare value; once durable starts the markers (the future completes at that point). */
    private CompletableFuture<Void> prepareAndComplete(String id, TransactionValue prepare) {
        return write(id, prepare).thenRun(() -> writeMarkers(id, prepare));
    }

    /** Writes the markers of a Prepare value, then the Complete value; retries until it succeeds. */
    private void writeMarkers(String id, TransactionValue prepare) {
        boolean commit = prepare.state() == TransactionState.PREPARE_COMMIT;
        markers.write(prepare.producerId(), prepare.producerEpoch(), commit, prepare.partitions())
                .whenComplete((ignored, failure) -> runtime.execute(() -> {
                    Entry entry = txns.get(id);
                    if (entry == null || entry.value != prepare) {
                        return; // Closed or reloaded meanwhile: the loader resumes from the log.
                    }
                    if (failure != null) {
                        log.warn("{}writing the markers of {} failed, retrying: {}", logPrefix, id, failure.toString());
                        runtime.schedule(MARKER_RETRY_MS, () -> writeMarkers(id, prepare));
                        return;
                    }
                    TransactionValue complete = prepare.withState(commit ? TransactionState.COMPLETE_COMMIT
                            : TransactionState.COMPLETE_ABORT, Set.of(), time.milliseconds());
                    write(id, complete).exceptionally(writeFailure -> {
                        log.warn("{}writing the completion of {} failed, retrying: {}", logPrefix, id,
                                writeFailure.toString());
                        runtime.schedule(MARKER_RETRY_MS, () -> writeMarkers(id, prepare));
                        return null;
                    });
                }));
    }

    // ---- Timeouts and expiry ----

    /** Aborts transactions older than their timeout and forgets ids idle past the expiration. */
    void abortTimedOut() {
        long nowMs = time.milliseconds();
        for (Map.Entry<String, Entry> e : List.copyOf(txns.entrySet())) {
            Entry entry = e.getValue();
            TransactionValue value = entry.value;
            if (entry.writing || value == null) {
                continue;
            }
            if (value.state() == TransactionState.ONGOING && nowMs - value.txnStartTimestampMs() > value.timeoutMs()) {
                fenceAndAbort(e.getKey(), value).exceptionally(failure -> null);
            } else if (value.state().isIdle()
                    && nowMs - value.lastUpdateTimestampMs() > config.transactionalIdExpirationMs()) {
                log.info("{}transactional id {} expired", logPrefix, e.getKey());
                write(e.getKey(), null).exceptionally(failure -> null);
            }
        }
    }

    private void scheduleTimeouts() {
        timeoutTask = runtime.schedule(config.abortTimedOutCheckIntervalMs(), () -> {
            abortTimedOut();
            scheduleTimeouts();
        });
    }

    // ---- Records ----

    /** Writes {@code value} for {@code id} (null: tombstone), replays it once appended, completes once durable. */
    private CompletableFuture<Void> write(String id, TransactionValue value) {
        Entry entry = txns.computeIfAbsent(id, key -> new Entry());
        entry.writing = true;
        long nowMs = time.milliseconds();
        ByteBuffer buffer = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(nowMs,
                TransactionRecordSerde.key(id), TransactionRecordSerde.value(value))).buffer();
        return runtime.write(buffer, () -> replay(id, value), cause -> {
            entry.writing = false;
            return new BrokerException(Errors.COORDINATOR_NOT_AVAILABLE, cause.getMessage());
        });
    }

    /** Applies one record to the state: the live path after an append, and loading. */
    void replay(String id, TransactionValue value) {
        if (value == null) {
            txns.remove(id);
            return;
        }
        Entry entry = txns.computeIfAbsent(id, key -> new Entry());
        entry.value = value;
        entry.writing = false;
    }

    /** Loads the partition, then resumes the markers of every transaction left in a Prepare state. */
    @Override
    public void load() {
        runtime.load(this::replayBatch, () -> {
            txns.forEach((id, entry) -> {
                if (entry.value != null && entry.value.state().isPrepare()) {
                    log.info("{}resuming the {} of {}", logPrefix, entry.value.state().kafkaName(), id);
                    writeMarkers(id, entry.value);
                }
            });
            scheduleTimeouts();
        });
    }

    private void replayBatch(RecordBatch batch) {
        for (Record record : batch) {
            if (!record.hasKey()) {
                continue;
            }
            try {
                replay(TransactionRecordSerde.readKey(record.key()),
                        TransactionRecordSerde.readValue(record.hasValue() ? record.value() : null));
            } catch (TransactionRecordSerde.UnknownVersionException e) {
                log.warn("{}skipping record at offset {}: {}", logPrefix, record.offset(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        runtime.close(() -> {
            if (timeoutTask != null) {
                timeoutTask.cancel();
            }
            txns.clear();
        });
    }

    /** Visits every known id with its value (for Describe/ListTransactions). */
    void forEach(BiConsumer<String, TransactionValue> visitor) {
        txns.forEach((id, entry) -> {
            if (entry.value != null) {
                visitor.accept(id, entry.value);
            }
        });
    }

    TransactionValue value(String id) {
        Entry entry = txns.get(id);
        return entry == null ? null : entry.value;
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
