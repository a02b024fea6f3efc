package io.streambus.metadata.log;

import io.streambus.metadata.record.MetadataRecord;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * The replicated (or, single node, local) log of metadata records. Code above this interface
 * is the same for {@link LocalMetadataLog} and the Raft log (RatisMetadataLog). Implementations are
 * thread-safe.
 */
public interface MetadataLog extends AutoCloseable {

    /**
     * Appends the records as one atomic batch. The future completes with the offset of the last
     * record once the batch is committed (durable) and every listener has received it, so a
     * caller that reads a listener's state afterwards sees its own write. It completes
     * exceptionally with {@link MetadataLogException} if the batch cannot be committed.
     */
    CompletableFuture<Long> append(List<MetadataRecord> records);

    /**
     * Registers a listener. It first receives the latest snapshot (if any) and every committed
     * batch after it, then every batch committed later, in order and without gaps. The future
     * completes once the replay of the existing log has been delivered.
     */
    CompletableFuture<Void> register(MetadataLogListener listener);

    /**
     * Stores a snapshot of the state at {@code snapshot.lastOffset()}, a committed offset at the
     * end of a batch, so later starts replay it plus the tail instead of the whole log.
     */
    CompletableFuture<Void> createSnapshot(MetadataSnapshot snapshot);

    /** Offset of the last committed record, -1 if none. */
    long lastCommittedOffset();

    /**
     * The epoch (Raft term) of the log's current leader, as DescribeQuorum reports it. A log that elects
     * leaders bumps it at each election.
     */
    int leaderEpoch();

    /**
     * Whether appends on this node can succeed now: always for a local log; on the ready Raft leader only for a
     * quorum. The controller asks before it validates a change, so a follower never validates against an image
     * that may lag the leader's.
     */
    default boolean isActiveController() {
        return true;
    }

    /**
     * The node whose controller appends to this log now, if known (none during an election): {@code localNodeId}
     * for a local log, the Raft leader for a quorum. Metadata and DescribeCluster report it as the controller.
     */
    default OptionalInt activeController(int localNodeId) {
        return OptionalInt.of(localNodeId);
    }

    /** Stops the log; pending and later appends fail with {@link MetadataLogException}. */
    @Override
    void close();
}
