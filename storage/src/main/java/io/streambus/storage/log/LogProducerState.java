package io.streambus.storage.log;

import io.streambus.storage.AppendResult;
import io.streambus.storage.LogId;
import io.streambus.storage.batch.BatchList;
import io.streambus.storage.producer.CorruptSnapshotException;
import io.streambus.storage.producer.DuplicateBatch;
import io.streambus.storage.producer.ProducerSnapshotFormat;
import io.streambus.storage.producer.ProducerSnapshots;
import io.streambus.storage.producer.ProducerStateManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NavigableMap;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties a log's {@link ProducerStateManager} to its segments and snapshot files: rebuilds the state
 * (latest valid snapshot, then the batch headers after it), takes snapshots on roll and close, and keeps
 * snapshots consistent with truncation and log-start moves.
 *
 * <p>Threading: used under the owning log's lock, except {@link #write}, which runs on a flusher
 * thread with bytes captured under the lock and takes the lock itself for the rename.
 */
final class LogProducerState {

    private static final Logger LOG = LoggerFactory.getLogger(LogProducerState.class);

    /**
     * A snapshot captured at a roll, written later on a flusher thread.
     *
     * @param offset      the log end when captured: the state covers every batch below it
     * @param bytes       the encoded state
     * @param truncations the log's truncation count then; a truncation since makes the snapshot stale
     */
    record PendingSnapshot(long offset, ByteBuffer bytes, long truncations) {
    }

    private final LogId id;
    private final ProducerStateManager state = new ProducerStateManager();
    private final ProducerSnapshots snapshots;
    private final TransactionIndex txnIndex;
    /** The log's segment map (one instance for the log's life), set by the first rebuild. */
    private NavigableMap<Long, LogSegment> segments;
    /** First offset of the earliest open transaction (Long.MAX_VALUE if none), for lock-free readers. */
    private volatile long firstUnstableOffset = Long.MAX_VALUE;

    LogProducerState(LogId id, Path dir) {
        this.id = id;
        this.snapshots = new ProducerSnapshots(dir);
        this.txnIndex = new TransactionIndex(dir);
        state.onAborted(txn -> {
            try {
                Long base = segments.floorKey(txn.lastOffset());
                txnIndex.add(txn, base == null ? txn.lastOffset() : base);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    TransactionIndex txnIndex() {
        return txnIndex;
    }

    long firstUnstableOffset() {
        return firstUnstableOffset;
    }

    /** Publishes the first unstable offset after the state changed; under the lock. */
    void publishFirstUnstableOffset() {
        firstUnstableOffset = state.firstUnstableOffset();
    }

    ProducerStateManager state() {
        return state;
    }

    ProducerSnapshots snapshots() {
        return snapshots;
    }

    /**
     * Rebuilds the state of a log ending at {@code logEnd}: deletes snapshots above it (they describe
     * batches that are gone), loads the newest valid one at or below it (skipping corrupt ones), then
     * replays the headers of the batches from that offset to the log end, and drops expired producers.
     */
    void rebuild(NavigableMap<Long, LogSegment> segments, long logEnd, long nowMs, long expirationMs)
            throws IOException {
        this.segments = segments;
        snapshots.deleteAbove(logEnd);
        txnIndex.load(segments, segments.firstKey(), logEnd);
        state.clear();
        long from = segments.firstKey();
        for (long offset : snapshots.offsets().descendingSet()) {
            try {
                state.load(snapshots.read(offset));
                from = Math.max(from, offset);
                break;
            } catch (CorruptSnapshotException e) {
                LOG.warn("[Log {}] skipping producer-state snapshot at offset {}: {}", id, offset, e.getMessage());
                snapshots.delete(offset);
            }
        }
        Long first = segments.floorKey(from);
        NavigableMap<Long, LogSegment> range = first == null ? segments : segments.tailMap(first, true);
        try {
            for (LogSegment segment : range.values()) {
                segment.scanHeaders(from, state::replay);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        publishFirstUnstableOffset();
        int expired = state.removeExpired(nowMs, expirationMs);
        LOG.debug("[Log {}] producer state rebuilt from offset {}: {} producers ({} expired)", id, from,
                state.producerCount(), expired);
    }

    /**
     * Checks a client append against the producer state (see {@link ProducerStateManager#checkAppend}).
     * Returns the result to answer a retried batch with (nothing must be written), or null.
     */
    AppendResult checkAppend(ByteBuffer records, BatchList batches, TimestampType timestampType, long logStartOffset) {
        DuplicateBatch duplicate = state.checkAppend(records, batches);
        if (duplicate == null) {
            return null;
        }
        long appendTimeMs = timestampType == TimestampType.LOG_APPEND_TIME ? duplicate.maxTimestampMs() : -1;
        return new AppendResult(duplicate.firstOffset(), duplicate.lastOffset(), appendTimeMs, logStartOffset, true);
    }

    /** Captures the state at a roll; {@link #write} it later, off the append path. */
    PendingSnapshot capture(long logEnd, long truncations) {
        return new PendingSnapshot(logEnd, ProducerSnapshotFormat.encode(state.entries()), truncations);
    }

    /**
     * Writes a captured snapshot: the temporary file and its fsync without the log's lock, the rename
     * under it, and only if {@code stillCurrent} (checked under the lock) says no truncation or close
     * came since, so a stale snapshot never lands above a truncated log end. Runs on a flusher thread.
     */
    void write(PendingSnapshot snapshot, Lock logLock, BooleanSupplier stillCurrent) {
        try {
            Path temp = snapshots.writeTemp(snapshot.offset(), snapshot.bytes());
            logLock.lock();
            try {
                if (!stillCurrent.getAsBoolean()) {
                    Files.deleteIfExists(temp);
                    return;
                }
                snapshots.publish(temp, snapshot.offset());
            } finally {
                logLock.unlock();
            }
            snapshots.syncDirectory();
        } catch (IOException e) {
            // Only costs a longer rebuild at the next open.
            LOG.warn("[Log {}] could not write the producer-state snapshot at offset {}", id, snapshot.offset(), e);
        }
    }

    /** Writes the snapshot of a cleanly closing log; a failure only costs a longer rebuild at open. */
    void writeOnClose(long logEnd) {
        try {
            txnIndex.flush();
            txnIndex.close();
            snapshots.write(logEnd, ProducerSnapshotFormat.encode(state.entries()));
        } catch (IOException e) {
            LOG.warn("[Log {}] could not write the producer-state snapshot at close", id, e);
        }
    }

    void expire(long nowMs, long expirationMs) {
        int removed = state.removeExpired(nowMs, expirationMs);
        if (removed > 0) {
            LOG.debug("[Log {}] expired {} producers", id, removed);
        }
    }

    /** The log was emptied: no producer is known any more. */
    void clear() throws IOException {
        snapshots.deleteAll();
        state.clear();
        txnIndex.clear();
        publishFirstUnstableOffset();
    }

    /** Whole segments below {@code firstSegmentBase} went: so may their snapshots (the newest stays). */
    void onSegmentsDeleted(long firstSegmentBase) throws IOException {
        snapshots.deleteBelow(firstSegmentBase);
        txnIndex.deleteBelow(firstSegmentBase);
    }
}
