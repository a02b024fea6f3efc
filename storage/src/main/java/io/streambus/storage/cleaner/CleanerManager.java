package io.streambus.storage.cleaner;

import io.streambus.storage.LogId;
import io.streambus.storage.Time;
import io.streambus.storage.log.SegmentedLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the cleaner threads of a data directory. Each thread repeatedly takes the compacted log most in
 * need of cleaning (past {@code max.compaction.lag.ms} first, then the highest dirty ratio at or above
 * {@code min.cleanable.dirty.ratio}, or one whose kept tombstones have reached their delete horizon), runs
 * a {@link Cleaner} pass over it, and reports the new checkpoint; when none is due it waits
 * {@code log.cleaner.backoff.ms} or until {@link #wakeUp()}. A log is cleaned by one thread at a time.
 *
 * <p>Threading: thread-safe. {@link #lock} guards the set of logs being cleaned and the wait for work; the
 * cleaner threads own their {@link Cleaner}s; the {@link IoThrottler} is shared.
 */
public final class CleanerManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CleanerManager.class);

    private final String name;
    private final Supplier<Collection<SegmentedLog>> logs;
    private final CleanerConfig config;
    private final Time time;
    private final Consumer<SegmentedLog> onCleaned;
    private final IoThrottler throttler;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workOrStop = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private final Set<LogId> inProgress = ConcurrentHashMap.newKeySet();
    /** Logs whose running pass must end early (the log is being deleted). */
    private final Set<LogId> aborting = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean stopping;

    /**
     * @param logs      the logs of the data directory (compacted ones are considered)
     * @param onCleaned called after a completed pass, on the cleaner thread: persist the checkpoint
     */
    public CleanerManager(String name, Supplier<Collection<SegmentedLog>> logs, CleanerConfig config, Time time,
                          Consumer<SegmentedLog> onCleaned) {
        this.name = name;
        this.logs = logs;
        this.config = config;
        this.time = time;
        this.onCleaned = onCleaned;
        this.throttler = new IoThrottler(config.ioMaxBytesPerSecond(), time);
    }

    /** Starts the threads (if enabled). */
    public void start() {
        if (!config.enabled()) {
            return;
        }
        for (int i = 0; i < config.threads(); i++) {
            Thread thread = Thread.ofPlatform().daemon().name("streambus-cleaner-" + (i + 1)).unstarted(this::run);
            threads.add(thread);
            thread.start();
        }
    }

    /** Makes idle threads look for work now (a config change, a test). */
    public void wakeUp() {
        lock.lock();
        try {
            workOrStop.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Completed passes since start. */
    public long passes() {
        return passes.get();
    }

    /** Time the cleaner threads spent paused by {@code log.cleaner.io.max.bytes.per.second}. */
    public long throttledNs() {
        return throttler.pausedNs();
    }

    /** Passes that failed with an error (logged). */
    public long failures() {
        return failures.get();
    }

    private void run() {
        Cleaner cleaner = null;
        AtomicReference<LogId> current = new AtomicReference<>();
        while (!stopping) {
            SegmentedLog log = next();
            if (log == null) {
                awaitWork();
                continue;
            }
            boolean progress;
            try {
                if (cleaner == null) {
                    cleaner = new Cleaner(config.dedupeBufferBytes() / config.threads(), throttler, time,
                            () -> stopping || aborting.contains(current.get()));
                }
                current.set(log.id());
                progress = cleanOnce(cleaner, log);
            } finally {
                release(log.id());
            }
            if (!progress) {
                // A failed pass, or one the offset map was too small for: do not spin on the same log.
                awaitWork();
            }
        }
    }

    /** Runs one pass over {@code log} if it is due; false if it was not (or is being cleaned). For tests and tools. */
    public boolean cleanIfDue(SegmentedLog log, Cleaner cleaner) {
        if (!inProgress.add(log.id())) {
            return false;
        }
        try {
            Optional<CleanableRange> range = dueRange(log);
            return range.isPresent() && cleanOnce(cleaner, log);
        } finally {
            release(log.id());
        }
    }

    /** Runs a pass; true if it completed and moved the checkpoint or reclaimed bytes. */
    private boolean cleanOnce(Cleaner cleaner, SegmentedLog log) {
        try {
            CleanableRange range = CleanableRange.of(log, log.cleanerProgress().firstDirtyOffset(), time.milliseconds());
            Cleaner.Result result = cleaner.clean(log, range);
            if (result.completed()) {
                passes.incrementAndGet();
                onCleaned.accept(log);
            }
            return result.completed()
                    && (result.firstDirtyOffset() > range.firstDirtyOffset() || result.bytesReclaimed() > 0);
        } catch (CleanerStoppedException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            if (log.isOffline() || stopping) {
                LOG.debug("[Cleaner {}] pass over {} ended: the log closed", name, log.id());
            } else {
                failures.incrementAndGet();
                LOG.error("[Cleaner {}] cleaning {} failed", name, log.id(), e);
            }
            return false;
        }
    }

    /** The most urgent due log not being cleaned, marked in progress; or null. */
    private SegmentedLog next() {
        SegmentedLog best = null;
        double bestScore = -1;
        for (SegmentedLog log : logs.get()) {
            if (!log.config().cleanup().compact() || log.isOffline() || inProgress.contains(log.id())) {
                continue;
            }
            Optional<CleanableRange> range = dueRange(log);
            if (range.isEmpty()) {
                continue;
            }
            double score = range.get().maxLagExceeded() ? 2 : range.get().dirtyRatio();
            if (score > bestScore) {
                best = log;
                bestScore = score;
            }
        }
        return best != null && inProgress.add(best.id()) ? best : null;
    }

    private Optional<CleanableRange> dueRange(SegmentedLog log) {
        try {
            long nowMs = time.milliseconds();
            CleanableRange range = CleanableRange.of(log, log.cleanerProgress().firstDirtyOffset(), nowMs);
            return range.due(log.config().cleanup(), log.cleanerProgress().earliestDeleteHorizonMs(), nowMs)
                    ? Optional.of(range) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.debug("[Cleaner {}] cannot look at {}: {}", name, log.id(), e.toString());
            return Optional.empty();
        }
    }

    private void release(LogId id) {
        lock.lock();
        try {
            inProgress.remove(id);
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void awaitWork() {
        lock.lock();
        try {
            if (!stopping) {
                workOrStop.await(config.backoffMs(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends a running pass over {@code id} early (at its next chunk), waits for it, and keeps new passes off
     * the log until {@code action} returns: for deleting a log without racing a pass.
     */
    public void whileNotCleaning(LogId id, Runnable action) {
        aborting.add(id);
        lock.lock();
        try {
            while (!inProgress.add(id)) {
                idle.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
            aborting.remove(id);
        }
        try {
            action.run();
        } finally {
            release(id);
        }
    }

    /** Stops the threads: running passes end at their next chunk, leaving their log unchanged. */
    @Override
    public void close() {
        stopping = true;
        wakeUp();
        for (Thread thread : threads) {
            java.util.concurrent.locks.LockSupport.unpark(thread); // out of a throttle pause
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
