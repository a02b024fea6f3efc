package io.streambus.storage.log;

import io.streambus.storage.AbortedTxn;
import io.streambus.storage.ActiveProducer;
import io.streambus.storage.AppendOrigin;
import io.streambus.storage.AppendRequest;
import io.streambus.storage.AppendResult;
import io.streambus.storage.LogConfig;
import io.streambus.storage.LogIOException;
import io.streambus.storage.LogCleaningStats;
import io.streambus.storage.LogId;
import io.streambus.storage.LogOfflineException;
import io.streambus.storage.PartitionLog;
import io.streambus.storage.ReadRequest;
import io.streambus.storage.ReadResult;
import io.streambus.storage.TimestampOffset;
import io.streambus.storage.batch.BatchHeader;
import io.streambus.storage.batch.BatchList;
import io.streambus.storage.batch.BatchValidator;
import io.streambus.storage.checkpoint.OffsetCheckpointFile;
import io.streambus.storage.retention.RetentionPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PartitionLog} implementation: a directory of {@link LogSegment}s keyed by base offset.
 *
 * <p>Threading: {@link #lock} serialises every mutation and guards the segment map's structure, the
 * active segment's file and indexes, the validator's scratch state and the writes of the offsets
 * below. Reads take no lock: they read the volatile log end first, then the segments (a
 * {@link ConcurrentSkipListMap}), bounded by sizes published after the data. Flushes run on the
 * shared flusher pool (see {@link LogFlusher}) and take the lock only to publish a recovery point.
 * The idempotent-producer state ({@link LogProducerState}) is guarded by the lock too.
 */
public final class SegmentedLog implements PartitionLog {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentedLog.class);
    /** How often expired producers are dropped (Kafka's producer.id.expiration.check.interval.ms default). */
    static final long PRODUCER_EXPIRATION_CHECK_INTERVAL_MS = 10 * 60 * 1000;

    private final LogId id;
    private final Path dir;
    private final LogContext context;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentSkipListMap<Long, LogSegment> segments;
    private final LogFlusher flusher;
    private final LogProducerState producers;
    private final ScheduledFuture<?> producerExpiryTask;
    // Writer scratch, guarded by lock.
    private final BatchValidator validator = new BatchValidator();
    private final BatchList batches = new BatchList();
    private final BatchHeader header = new BatchHeader();
    private final BatchStamper stamper = new BatchStamper();
    private final CleanerProgress cleanerProgress = new CleanerProgress();

    private volatile LogConfig config;
    private volatile LogSegment active;
    private volatile long logEndOffset;
    private volatile long logStartOffset;
    private volatile long highWatermark;
    private volatile long recoveryPoint;
    /** Bumped by truncation, so a flush that started before one does not publish a stale recovery point. */
    private volatile long truncations;
    private volatile boolean offline;
    private volatile boolean closed;

    SegmentedLog(LogId id, Path dir, LogConfig config, LogContext context,
                 ConcurrentSkipListMap<Long, LogSegment> segments, long logStartOffset, long highWatermark,
                 long recoveryPoint, LogProducerState producers) {
        this.id = id;
        this.dir = dir;
        this.config = config;
        this.context = context;
        this.segments = segments;
        this.active = segments.lastEntry().getValue();
        this.logEndOffset = active.nextOffset();
        this.logStartOffset = logStartOffset;
        this.highWatermark = Math.clamp(highWatermark, logStartOffset, logEndOffset);
        this.recoveryPoint = Math.min(recoveryPoint, logEndOffset);
        this.flusher = new LogFlusher(this, context);
        flusher.configure(config.durability(), config.flushIntervalMs());
        this.producers = producers;
        this.producerExpiryTask = context.scheduler().scheduleWithFixedDelay(this::expireProducersQuietly,
                PRODUCER_EXPIRATION_CHECK_INTERVAL_MS, PRODUCER_EXPIRATION_CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** Opens (recovering if needed) or creates the log in {@code dir}. */
    public static SegmentedLog open(LogId id, Path dir, LogConfig config, LogContext context, LogState saved,
                                    boolean cleanShutdown) throws IOException {
        return LogLoader.load(id, dir, config, context, saved, cleanShutdown);
    }

    @Override
    public LogId id() {
        return id;
    }

    @Override
    public Path directory() {
        return dir;
    }

    @Override
    public LogConfig config() {
        return config;
    }

    @Override
    public void updateConfig(LogConfig newConfig) {
        lock.lock();
        try {
            LogConfig old = config;
            config = newConfig;
            if (old.durability() != newConfig.durability() || old.flushIntervalMs() != newConfig.flushIntervalMs()) {
                flusher.configure(newConfig.durability(), newConfig.flushIntervalMs());
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public AppendResult append(AppendRequest request) {
        lock.lock();
        try {
            checkWritable();
            LogConfig c = config;
            ByteBuffer records = request.records();
            boolean client = request.origin() == AppendOrigin.CLIENT;
            validator.validate(records, c.maxMessageBytes(), client, client && c.cleanup().compact(), batches);
            if (request.origin() == AppendOrigin.CLIENT) {
                AppendResult duplicate = producers.checkAppend(records, batches, c.timestampType(), logStartOffset);
                if (duplicate != null) {
                    return duplicate;
                }
            }
            long nowMs = context.time().milliseconds();
            boolean replication = request.origin() == AppendOrigin.REPLICATION;
            // A follower keeps the times its leader stamped.
            long appendTimeMs = c.timestampType() == TimestampType.LOG_APPEND_TIME && !replication ? nowMs : -1;
            long firstOffset = replication
                    ? stamper.checkReplicatedOffsets(records, batches, logEndOffset)
                    : stamper.assignOffsets(records, batches, logEndOffset, request.leaderEpoch(), appendTimeMs);
            header.wrap(records, batches.start(batches.count() - 1));
            long lastOffset = header.lastOffset();
            maybeRoll(c, firstOffset, lastOffset, records.remaining(), nowMs);
            active.append(records, batches, header, c.indexIntervalBytes(), nowMs);
            logEndOffset = lastOffset + 1;
            try {
                producers.state().onAppended(records, batches);
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            producers.publishFirstUnstableOffset();
            flusher.onAppend();
            return new AppendResult(firstOffset, lastOffset, appendTimeMs, logStartOffset, false);
        } catch (IOException e) {
            throw markOffline("append failed", e);
        } finally {
            lock.unlock();
        }
    }

    private void maybeRoll(LogConfig c, long firstOffset, long lastOffset, int bytes, long nowMs) throws IOException {
        LogSegment segment = active;
        boolean overflow = lastOffset - segment.baseOffset() > Integer.MAX_VALUE;
        boolean empty = segment.sizeInBytes() == 0;
        if (overflow
                || (!empty && ((long) segment.sizeInBytes() + bytes > c.segmentBytes()
                    || (segment.firstAppendTimeMs() >= 0 && nowMs - segment.firstAppendTimeMs() >= c.segmentMs())
                    || segment.indexFull()))) {
            roll(firstOffset);
        }
    }

    /** Rolls a new active segment at the log end now (unless the active one is empty). */
    public void roll() {
        lock.lock();
        try {
            checkWritable();
            if (active.sizeInBytes() > 0) {
                roll(logEndOffset);
            }
        } catch (IOException e) {
            throw markOffline("roll failed", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes a new active segment at {@code baseOffset}; the old one is fsynced on the flusher pool, then
     * the producer state as of the log end is written as a snapshot.
     */
    private void roll(long baseOffset) throws IOException {
        LogProducerState.PendingSnapshot snapshot = producers.capture(logEndOffset, truncations);
        LogSegment old = active;
        old.onRoll();
        LogSegment segment = LogSegment.create(dir, baseOffset, config);
        segments.put(baseOffset, segment);
        active = segment;
        if (old.sizeInBytes() == 0) {
            segments.remove(old.baseOffset());
            scheduleDelete(List.of(old));
        }
        long rolledEnd = old.nextOffset();
        LOG.debug("[Log {}] rolled segment {} at offset {}", id, old.baseOffset(), baseOffset);
        try {
            context.flushers().execute(() -> flushInBackground(rolledEnd, snapshot));
        } catch (RejectedExecutionException e) {
            flushUpTo(rolledEnd);
            writeSnapshot(snapshot);
        }
    }

    private void flushInBackground(long target, LogProducerState.PendingSnapshot snapshot) {
        try {
            flushUpTo(target);
            writeSnapshot(snapshot);
        } catch (IOException e) {
            LOG.error("[Log {}] fsync of a rolled segment failed, taking the log offline", id, e);
            flusher.failAll(markOffline("fsync failed", e));
        } catch (RuntimeException e) {
            LOG.error("[Log {}] fsync of a rolled segment failed", id, e);
        }
    }

    /** Writes a snapshot captured at a roll, unless the log was truncated or closed since. */
    private void writeSnapshot(LogProducerState.PendingSnapshot snapshot) {
        producers.write(snapshot, lock, () -> !closed && !offline && truncations == snapshot.truncations());
    }

    /**
     * Forces every segment that may hold offsets between the recovery point and {@code target}, then
     * publishes the recovery point. Runs on a flusher thread (or the caller, for {@link #flush}).
     */
    void flushUpTo(long target) throws IOException {
        checkOnline();
        long startRecoveryPoint = recoveryPoint;
        if (target <= startRecoveryPoint) {
            return;
        }
        long truncationsBefore = truncations;
        Long from = segments.floorKey(startRecoveryPoint);
        NavigableMap<Long, LogSegment> range = from == null ? segments : segments.tailMap(from, true);
        for (LogSegment segment : range.values()) {
            if (segment.baseOffset() >= target && segment.baseOffset() > startRecoveryPoint) {
                break;
            }
            try {
                if (segment == active) {
                    segment.flush();
                } else {
                    segment.flushAll();
                }
            } catch (ClosedChannelException e) {
                // Deleted or truncated away meanwhile: nothing of it needs to be durable.
            }
        }
        producers.txnIndex().flush();
        flusher.countFsync();
        lock.lock();
        try {
            if (truncations == truncationsBefore) {
                recoveryPoint = Math.max(recoveryPoint, Math.min(target, logEndOffset));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ReadResult read(ReadRequest request) {
        checkOnline();
        for (int attempt = 0; ; attempt++) {
            long end = logEndOffset;
            long start = logStartOffset;
            long offset = request.startOffset();
            if (offset < start) {
                return new ReadResult.BeforeLogStart(start, end);
            }
            if (offset > end) {
                return new ReadResult.PastLogEnd(start, end);
            }
            long bound = Math.min(request.maxOffset(), end);
            if (offset >= bound) {
                return new ReadResult.Records(FileLogSlice.EMPTY, start, end);
            }
            try {
                return new ReadResult.Records(readSlice(offset, request, bound), start, end);
            } catch (ClosedChannelException e) {
                if (attempt >= 2 || closed) {
                    throw new LogOfflineException("log " + id + " is closed");
                }
                // A segment was deleted under us; the next attempt sees the new segment list.
            } catch (IOException e) {
                throw new LogIOException("read of " + id + " at offset " + offset + " failed", e);
            }
        }
    }

    private FileLogSlice readSlice(long offset, ReadRequest request, long bound) throws IOException {
        Map.Entry<Long, LogSegment> entry = segments.floorEntry(offset);
        if (entry == null) {
            entry = segments.firstEntry();
        }
        while (entry != null) {
            LogSegment segment = entry.getValue();
            FileLogSlice slice = segment.read(offset, request.maxBytes(), bound, request.minOneBatch(),
                    segment.sizeInBytes());
            if (slice != null) {
                return slice;
            }
            entry = segments.higherEntry(entry.getKey());
        }
        return FileLogSlice.EMPTY;
    }

    @Override
    public long firstUnstableOffset() {
        return producers.firstUnstableOffset();
    }

    @Override
    public List<AbortedTxn> abortedTransactions(long fromOffset, long upperBoundOffset) {
        return producers.txnIndex().overlapping(fromOffset, upperBoundOffset);
    }

    /** Whether {@code producerId} has an open transaction here; for the broker's append verification. */
    @Override
    public boolean hasOpenTransaction(long producerId) {
        lock.lock();
        try {
            return producers.state().hasOpenTxn(producerId);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CompletableFuture<Void> awaitDurable(long offset) {
        checkOnline();
        return flusher.awaitDurable(offset);
    }

    /** Number of flush rounds that forced data to disk (group commits, interval and roll flushes). */
    public long fsyncCount() {
        return flusher.fsyncCount();
    }

    @Override
    public long logEndOffset() {
        return logEndOffset;
    }

    @Override
    public long logStartOffset() {
        return logStartOffset;
    }

    @Override
    public long recoveryPoint() {
        return recoveryPoint;
    }

    @Override
    public long highWatermark() {
        return highWatermark;
    }

    @Override
    public void updateHighWatermark(long offset) {
        lock.lock();
        try {
            highWatermark = Math.clamp(offset, logStartOffset, logEndOffset);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<TimestampOffset> offsetForTimestamp(long timestampMs) {
        checkOnline();
        long end = logEndOffset;
        try {
            return TimestampSearch.offsetForTimestamp(segments.values(), timestampMs, logStartOffset, end);
        } catch (IOException e) {
            throw new LogIOException("timestamp lookup in " + id + " failed", e);
        }
    }

    @Override
    public Optional<TimestampOffset> maxTimestamp() {
        return TimestampSearch.maxTimestamp(segments.values());
    }

    @Override
    public void truncateTo(long offset) {
        lock.lock();
        try {
            checkWritable();
            if (offset >= logEndOffset) {
                return;
            }
            truncations++;
            if (offset < logStartOffset || offset <= segments.firstKey()) {
                truncateFullyAndStartAt(Math.max(0, offset));
                return;
            }
            long segmentBase = segments.floorKey(offset);
            List<LogSegment> removed = new ArrayList<>(segments.tailMap(segmentBase, false).values());
            for (LogSegment segment : removed) {
                segments.remove(segment.baseOffset());
            }
            LogSegment segment = segments.get(segmentBase);
            segment.truncateTo(offset, validator, batches, config);
            if (segment != active) {
                segment.onActivate(config);
                active = segment;
            }
            scheduleDelete(removed);
            logEndOffset = segment.nextOffset();
            afterTruncation();
            producers.rebuild(segments, logEndOffset, context.time().milliseconds(), config.producerIdExpirationMs());
            LOG.info("[Log {}] truncated to offset {}, log end offset now {}", id, offset, logEndOffset);
        } catch (IOException e) {
            throw markOffline("truncation failed", e);
        } finally {
            lock.unlock();
        }
    }

    private void truncateFullyAndStartAt(long offset) throws IOException {
        List<LogSegment> removed = new ArrayList<>(segments.values());
        // Rename first: the new segment may reuse a removed one's base offset, hence its file names.
        scheduleDelete(removed);
        LogSegment segment = LogSegment.create(dir, offset, config);
        segments.clear();
        segments.put(offset, segment);
        active = segment;
        logStartOffset = offset;
        logEndOffset = offset;
        afterTruncation();
        producers.clear();
        LOG.info("[Log {}] truncated fully, log now starts at offset {}", id, offset);
    }

    private void afterTruncation() {
        // Data appended after the truncation point is dirty again.
        cleanerProgress.firstDirtyOffset(Math.min(cleanerProgress.firstDirtyOffset(), logEndOffset));
        logStartOffset = Math.min(logStartOffset, logEndOffset);
        highWatermark = Math.min(highWatermark, logEndOffset);
        recoveryPoint = Math.min(recoveryPoint, logEndOffset);
    }

    @Override
    public long deleteBefore(long offset) {
        lock.lock();
        try {
            checkWritable();
            long newStart = Math.min(Math.max(offset, logStartOffset), logEndOffset);
            if (newStart == logStartOffset) {
                return newStart;
            }
            if (newStart == logEndOffset && active.sizeInBytes() > 0) {
                roll(logEndOffset);
            }
            List<LogSegment> removed = new ArrayList<>();
            for (Map.Entry<Long, LogSegment> entry : segments.entrySet()) {
                Long next = segments.higherKey(entry.getKey());
                if (next == null || next > newStart) {
                    break;
                }
                removed.add(entry.getValue());
            }
            logStartOffset = newStart;
            for (LogSegment segment : removed) {
                segments.remove(segment.baseOffset());
            }
            scheduleDelete(removed);
            producers.onSegmentsDeleted(segments.firstKey());
            highWatermark = Math.max(highWatermark, newStart);
            recoveryPoint = Math.max(recoveryPoint, Math.min(newStart, segments.firstKey()));
            LOG.info("[Log {}] log start offset now {}, deleted {} segments", id, newStart, removed.size());
            return newStart;
        } catch (IOException e) {
            throw markOffline("deleting segments failed", e);
        } finally {
            lock.unlock();
        }
    }

    private void scheduleDelete(List<LogSegment> removed) throws IOException {
        SegmentDeleter.scheduleDelete(id, removed, context);
    }

    /**
     * Applies time and size retention ({@link RetentionPolicy}) if the log's policy includes delete: whole
     * sealed segments go and the log start offset advances. Returns the log start offset. Called by the
     * LogManager's retention task, never on an append path.
     */
    public long enforceRetention() {
        lock.lock();
        try {
            if (closed || offline) {
                return logStartOffset;
            }
            long firstKept = RetentionPolicy.firstRetainedOffset(segments.values(), config.cleanup(),
                    context.time().milliseconds());
            if (firstKept <= logStartOffset) {
                return logStartOffset;
            }
            LOG.info("[Log {}] retention: deleting segments below offset {}", id, firstKept);
            return deleteBefore(firstKept);
        } finally {
            lock.unlock();
        }
    }

    /** The segments by base offset, read-only, the active one last; for retention and the cleaner. */
    public NavigableMap<Long, LogSegment> segments() {
        return Collections.unmodifiableNavigableMap(segments);
    }

    public LogSegment activeSegment() {
        return active;
    }

    /** What the cleaner knows about this log. */
    public CleanerProgress cleanerProgress() {
        return cleanerProgress;
    }

    /**
     * Swaps {@code cleaned} (sealed and fsynced, files suffixed {@link SegmentFiles#CLEANED}) in for
     * {@code replaced}, which must still be sealed segments of this log, contiguous, from {@code cleaned}'s
     * base offset on. Under the lock: renames it to {@link SegmentFiles#SWAP} and fsyncs the directory (the
     * commit point: from here a crash completes the swap, see SwapRecovery), puts it in the map before
     * removing the replaced ones (so a reader never finds a hole), renames their files to {@code .deleted}
     * (deleted after the delay, for readers still holding them), then drops the swap suffix. Returns false,
     * changing nothing, if the segments changed meanwhile (truncation, retention, close).
     */
    public boolean replaceSegments(List<LogSegment> replaced, LogSegment cleaned) {
        lock.lock();
        try {
            if (closed || offline || replaced.isEmpty() || replaced.getFirst().baseOffset() != cleaned.baseOffset()) {
                return false;
            }
            for (LogSegment segment : replaced) {
                if (segment == active || segments.get(segment.baseOffset()) != segment) {
                    return false;
                }
            }
            cleaned.renameSuffix(SegmentFiles.SWAP);
            OffsetCheckpointFile.fsyncDirectory(dir);
            segments.put(cleaned.baseOffset(), cleaned);
            for (LogSegment segment : replaced.subList(1, replaced.size())) {
                segments.remove(segment.baseOffset());
            }
            scheduleDelete(replaced);
            cleaned.renameSuffix("");
            producers.txnIndex().onSegmentsReplaced(segments);
            return true;
        } catch (IOException e) {
            throw markOffline("swapping cleaned segments failed", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public LogCleaningStats cleaningStats() {
        return cleanerProgress.stats(segments.values(), active);
    }

    @Override
    public long sizeInBytes() {
        long total = 0;
        for (LogSegment segment : segments.values()) {
            total += segment.sizeInBytes();
        }
        return total;
    }

    @Override
    public int segmentCount() {
        return segments.size();
    }

    /** Base offsets of the segments, in order; for tests and tools. */
    public List<Long> segmentBaseOffsets() {
        return List.copyOf(segments.keySet());
    }

    @Override
    public void flush() {
        checkOnline();
        try {
            flushUpTo(logEndOffset);
            active.flushAll();
        } catch (IOException e) {
            throw markOffline("flush failed", e);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            flusher.stop();
            producerExpiryTask.cancel(false);
            if (!offline) {
                try {
                    flushUpTo(logEndOffset);
                    producers.writeOnClose(logEndOffset);
                    for (LogSegment segment : segments.values()) {
                        segment.close();
                    }
                } catch (IOException e) {
                    LOG.error("[Log {}] close failed", id, e);
                    closeAbruptly();
                }
            } else {
                closeAbruptly();
            }
            flusher.failAll(new LogOfflineException("log " + id + " is closed"));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes every file as it is, without flushing or trimming indexes: what a crash leaves behind.
     * For crash simulations in tests, and for a log that went offline.
     */
    public void abandon() {
        lock.lock();
        try {
            closed = true;
            flusher.stop();
            producerExpiryTask.cancel(false);
            closeAbruptly();
            flusher.failAll(new LogOfflineException("log " + id + " is closed"));
        } finally {
            lock.unlock();
        }
    }

    private void closeAbruptly() {
        for (LogSegment segment : segments.values()) {
            try {
                segment.closeAbruptly();
            } catch (IOException e) {
                LOG.warn("[Log {}] could not close {}", id, segment.logFile(), e);
            }
        }
    }

    @Override
    public List<ActiveProducer> activeProducers() {
        lock.lock();
        try {
            return producers.state().activeProducers();
        } finally {
            lock.unlock();
        }
    }

    /** Producer id to the last offset of its last batch, for the cleaner (see ProducerStateManager). */
    public Map<Long, Long> producerLastBatchOffsets() {
        lock.lock();
        try {
            return producers.state().lastBatchOffsets();
        } finally {
            lock.unlock();
        }
    }

    /** Drops producers whose last batch is older than {@code producer.id.expiration.ms}; runs periodically. */
    public void expireProducers() {
        lock.lock();
        try {
            if (!closed) {
                producers.expire(context.time().milliseconds(), config.producerIdExpirationMs());
            }
        } finally {
            lock.unlock();
        }
    }

    private void expireProducersQuietly() {
        try {
            expireProducers();
        } catch (RuntimeException e) {
            LOG.error("[Log {}] producer expiry failed", id, e);
        }
    }

    /** Takes the log offline after a disk error; returns the exception to throw. */
    LogIOException markOffline(String what, IOException cause) {
        if (!offline) {
            offline = true;
            LOG.error("[Log {}] {}: log is offline: {}", id, what, cause.toString());
        }
        return new LogIOException("log " + id + ": " + what, cause);
    }

    public boolean isOffline() {
        return offline;
    }

    private void checkOnline() {
        if (offline) {
            throw new LogOfflineException("log " + id + " is offline after a disk error");
        }
    }

    private void checkWritable() {
        checkOnline();
        if (closed) {
            throw new LogOfflineException("log " + id + " is closed");
        }
    }

    @Override
    public String toString() {
        return "SegmentedLog(" + id + ", segments " + segments.size() + ", " + logStartOffset + ".." + logEndOffset + ")";
    }
}
