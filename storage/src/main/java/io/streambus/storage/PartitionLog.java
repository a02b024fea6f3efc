package io.streambus.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The log of one partition: an ordered sequence of record batches addressed by offset, stored as
 * segments in one directory.
 *
 * <p>Threading: every method is safe to call from any thread. Mutations ({@link #append},
 * {@link #truncateTo}, {@link #deleteBefore}, {@link #updateConfig}) are serialised by the log:
 * one writer at a time. Reads never take the writer's lock; they see a consistent snapshot of
 * the segment list. Appends write to the page cache only; {@link #awaitDurable} is how a caller
 * learns that an offset survived to disk, without blocking a thread.
 */
public interface PartitionLog extends AutoCloseable {

    LogId id();

    /** The directory holding the segments; the broker keeps its own per-partition files beside them. */
    Path directory();

    LogConfig config();

    /** Replaces the config; takes effect for the next append or roll. */
    void updateConfig(LogConfig config);

    /**
     * Validates and appends the batches in {@code request}. Either every batch is appended or none is.
     *
     * <p>Client appends of idempotent producers (batches with a producer id) are checked against the
     * producer state: a retry of one of a producer's last five batches writes nothing and returns the
     * original offsets with {@link AppendResult#duplicate()} set.
     *
     * @throws InvalidBatchException if a batch is invalid; nothing was written
     * @throws InvalidProducerEpochException if a producer's epoch is older than the log's; nothing was written
     * @throws OutOfOrderSequenceException if a producer's sequence does not continue; nothing was written
     * @throws LogIOException if the disk failed; the log goes offline
     */
    AppendResult append(AppendRequest request);

    /** Reads whole batches; never throws for an offset out of range (see {@link ReadResult}). */
    ReadResult read(ReadRequest request);

    /**
     * Completes once every offset below {@code offset} is on disk. Under {@link DurabilityPolicy#FSYNC}
     * concurrent waiters share one fsync (group commit); under the other policies it completes at once.
     * Completes exceptionally with {@link LogIOException} if the fsync fails.
     */
    CompletableFuture<Void> awaitDurable(long offset);

    /** The offset the next appended record gets. */
    long logEndOffset();

    /** The first offset still in the log. */
    long logStartOffset();

    /** The offset below which everything is known to be on disk. */
    long recoveryPoint();

    /** The offset below which records are visible to consumers; owned by the broker, checkpointed here. */
    long highWatermark();

    void updateHighWatermark(long offset);

    /**
     * First offset of the earliest open transaction, or {@link Long#MAX_VALUE} when none is open: the last
     * stable offset is the smaller of this and the high watermark. Lock-free.
     */
    long firstUnstableOffset();

    /**
     * Aborted transactions whose abort marker is at or above {@code fromOffset} and that began below
     * {@code upperBoundOffset}: what a read_committed fetch of that range lists. Lock-free.
     */
    List<AbortedTxn> abortedTransactions(long fromOffset, long upperBoundOffset);

    /** Whether {@code producerId} has an open (unmarked) transaction in this log. */
    boolean hasOpenTransaction(long producerId);

    /** Earliest record whose timestamp is at or after {@code timestampMs}, if any. */
    Optional<TimestampOffset> offsetForTimestamp(long timestampMs);

    /** The record with the largest timestamp (the first of them on ties), if the log is not empty. */
    Optional<TimestampOffset> maxTimestamp();

    /** Removes every record at or after {@code offset}; for replica divergence. */
    void truncateTo(long offset);

    /**
     * Advances the log start offset to {@code offset} (DeleteRecords, retention) and deletes the
     * segments that lie wholly below it. Returns the new log start offset.
     */
    long deleteBefore(long offset);

    /** The idempotent producers this log remembers (copies), for DescribeProducers. */
    List<ActiveProducer> activeProducers();

    /** Size on disk, dirty ratio and the cleaner's last pass, for DescribeLogDirs, the CLI and the console. */
    LogCleaningStats cleaningStats();

    /** Bytes on disk across all segments. */
    long sizeInBytes();

    int segmentCount();

    /** Forces everything to disk now, whatever the policy. */
    void flush();

    /** Flushes, trims indexes, and closes files. */
    @Override
    void close();
}
