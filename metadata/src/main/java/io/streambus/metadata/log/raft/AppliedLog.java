package io.streambus.metadata.log.raft;

import io.streambus.metadata.log.MetadataBatch;
import io.streambus.metadata.log.MetadataLogListener;
import io.streambus.metadata.log.MetadataSnapshot;
import io.streambus.metadata.record.MetadataRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.ratis.server.protocol.TermIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata log as this node has applied it: assigns StreamBus offsets to applied Raft
 * entries, delivers batches and snapshots to the listeners, and keeps what a late listener needs
 * to be replayed: the latest snapshot on disk and the batches applied after it (in memory; a
 * {@code MetadataSnapshotter} keeps that tail short, and Ratis re-applies it after a restart).
 *
 * <p>Offsets: the entry applied after the snapshot at offset {@code s} (or after an empty log,
 * {@code s = -1}) gets base offset {@code s + 1}, each record one offset. Every node applies the
 * same entries in the same order from snapshots that carry their offset, so every node numbers
 * them alike. Raft indexes count other entries too (configuration changes, each new leader's
 * first entry), so an offset is not an index; the tail keeps each batch's {@link TermIndex} to
 * name the Raft position of a snapshot.
 *
 * <p>Threading: owned by the log thread ({@code metadata-log-<id>}); every method runs on it,
 * so listener callbacks are single-threaded and in commit order. {@link #lastOffset()} is a
 * volatile read from any thread.
 */
final class AppliedLog {

    /** A batch and the Raft entry it came from. */
    record AppliedBatch(TermIndex termIndex, MetadataBatch batch) {
    }

    /** A snapshot handed to the log and the Raft position it covers, waiting for Ratis to write it. */
    record PendingSnapshot(MetadataSnapshot snapshot, TermIndex termIndex) {
    }

    private static final Logger log = LoggerFactory.getLogger(AppliedLog.class);

    private final String logPrefix;
    private final List<MetadataLogListener> listeners = new ArrayList<>();
    private final List<LeadershipListener> leadershipListeners = new ArrayList<>();
    private final ArrayDeque<AppliedBatch> tail = new ArrayDeque<>();
    private MetadataSnapshot latestSnapshot;
    private PendingSnapshot pendingSnapshot;
    private volatile long lastOffset = -1;

    AppliedLog(String logPrefix) {
        this.logPrefix = logPrefix;
    }

    long lastOffset() {
        return lastOffset;
    }

    /** Numbers, keeps and delivers a committed entry's records. */
    MetadataBatch apply(TermIndex termIndex, List<MetadataRecord> records) {
        MetadataBatch batch = new MetadataBatch(lastOffset + 1, records);
        tail.addLast(new AppliedBatch(termIndex, batch));
        lastOffset = batch.lastOffset();
        for (MetadataLogListener listener : listeners) {
            deliver(listener, batch);
        }
        return batch;
    }

    /** Replays the snapshot and the tail to a new listener, then keeps it for later batches. */
    void register(MetadataLogListener listener) {
        if (latestSnapshot != null) {
            listener.onSnapshot(latestSnapshot);
        }
        for (AppliedBatch applied : tail) {
            deliver(listener, applied.batch());
        }
        listeners.add(listener);
    }

    void addLeadershipListener(LeadershipListener listener, LeaderAndEpoch current) {
        leadershipListeners.add(listener);
        listener.onLeaderChange(current);
    }

    void leaderChanged(LeaderAndEpoch current) {
        for (LeadershipListener listener : leadershipListeners) {
            try {
                listener.onLeaderChange(current);
            } catch (RuntimeException e) {
                log.error("{}Leadership listener {} failed", logPrefix, listener, e);
            }
        }
    }

    void becameActiveLeader(long epoch) {
        for (LeadershipListener listener : leadershipListeners) {
            try {
                listener.onBecomeActiveLeader(epoch);
            } catch (RuntimeException e) {
                log.error("{}Leadership listener {} failed", logPrefix, listener, e);
            }
        }
    }

    /**
     * Accepts a snapshot of the image at a batch end for Ratis to write on its next
     * {@code takeSnapshot}. Returns false if a snapshot at or after that offset already exists.
     */
    boolean offerSnapshot(MetadataSnapshot snapshot) {
        long offset = snapshot.lastOffset();
        if (offset > lastOffset) {
            throw new IllegalArgumentException("snapshot offset " + offset
                    + " is beyond the last committed offset " + lastOffset);
        }
        if (latestSnapshot != null && offset <= latestSnapshot.lastOffset()
                || pendingSnapshot != null && offset <= pendingSnapshot.snapshot().lastOffset()) {
            return false;
        }
        for (AppliedBatch applied : tail) {
            if (applied.batch().lastOffset() == offset) {
                pendingSnapshot = new PendingSnapshot(snapshot, applied.termIndex());
                return true;
            }
        }
        throw new IllegalArgumentException("snapshot offset " + offset + " is not the end of a batch");
    }

    Optional<PendingSnapshot> pendingSnapshot() {
        return Optional.ofNullable(pendingSnapshot);
    }

    /** Ratis wrote the snapshot: replays now start from it, and the tail before it is dropped. */
    void snapshotWritten(MetadataSnapshot snapshot) {
        if (pendingSnapshot != null && pendingSnapshot.snapshot() == snapshot) {
            pendingSnapshot = null;
        }
        latestSnapshot = snapshot;
        while (!tail.isEmpty() && tail.peekFirst().batch().lastOffset() <= snapshot.lastOffset()) {
            tail.removeFirst();
        }
    }

    /**
     * Replaces everything with a snapshot: at start-up (before any listener) or when the leader
     * installed one because this node had fallen behind the leader's purged log.
     */
    void loadSnapshot(MetadataSnapshot snapshot) {
        latestSnapshot = snapshot;
        pendingSnapshot = null;
        tail.clear();
        lastOffset = snapshot.lastOffset();
        for (MetadataLogListener listener : listeners) {
            try {
                listener.onSnapshot(snapshot);
            } catch (RuntimeException e) {
                log.error("{}Listener {} failed on the snapshot at offset {}", logPrefix, listener,
                        snapshot.lastOffset(), e);
            }
        }
    }

    /**
     * The last offset a replica whose log matches this node's up to Raft index {@code raftIndex} holds: all of
     * it when it has everything this node applied ({@code appliedIndex}), else the end of the newest batch at or
     * before that index. -1 when that batch has already been folded into a snapshot.
     */
    long offsetThrough(long raftIndex, long appliedIndex) {
        if (raftIndex >= appliedIndex) {
            return lastOffset;
        }
        var newestFirst = tail.descendingIterator();
        while (newestFirst.hasNext()) {
            AppliedBatch applied = newestFirst.next();
            if (applied.termIndex().getIndex() <= raftIndex) {
                return applied.batch().lastOffset();
            }
        }
        return -1;
    }

    private void deliver(MetadataLogListener listener, MetadataBatch batch) {
        try {
            listener.onCommit(batch);
        } catch (RuntimeException e) {
            // One broken listener must not stop the log or the others.
            log.error("{}Listener {} failed on batch at offset {}", logPrefix, listener, batch.baseOffset(), e);
        }
    }
}
