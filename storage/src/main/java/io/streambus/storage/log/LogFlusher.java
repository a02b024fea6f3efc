package io.streambus.storage.log;

import io.streambus.storage.DurabilityPolicy;
import io.streambus.storage.LogIOException;
import io.streambus.storage.LogOfflineException;
import io.streambus.storage.StorageException;
import java.io.IOException;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when one log's bytes are forced to disk.
 *
 * <p>{@link DurabilityPolicy#FSYNC} is group commit: {@link #awaitDurable} queues a waiter and schedules
 * the log once on the shared flusher pool. The flush reads the log end, forces, and completes every
 * waiter at or below the new recovery point; if waiters arrived meanwhile that the log end now covers,
 * it flushes again. So one fsync covers every append waiting when it starts. Under
 * {@link DurabilityPolicy#INTERVAL} a timer flushes every {@code flush.ms}; under NONE only roll and close
 * flush. Both complete waiters at once.
 *
 * <p>Threading: {@link #awaitDurable} and {@link #onAppend} from any thread; flushes run on the pool,
 * at most one at a time per log (the {@code scheduled} flag). {@code waiters} is guarded by its own
 * monitor. Futures complete on a flusher thread: callers should not run blocking work in them.
 */
final class LogFlusher {

    private static final Logger LOG = LoggerFactory.getLogger(LogFlusher.class);

    /** Waiters per log are few and short-lived; a heap keeps the cheapest to complete on top. */
    private record Waiter(long offset, CompletableFuture<Void> future) {
    }

    private final SegmentedLog log;
    private final LogContext context;
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((a, b) -> Long.compare(a.offset, b.offset));
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final LongAdder fsyncs = new LongAdder();
    private volatile int pendingWaiters;
    private ScheduledFuture<?> intervalTask;

    LogFlusher(SegmentedLog log, LogContext context) {
        this.log = log;
        this.context = context;
    }

    /** (Re)starts the interval timer if the policy asks for one. Called under the log's lock. */
    void configure(DurabilityPolicy policy, long flushIntervalMs) {
        if (intervalTask != null) {
            intervalTask.cancel(false);
            intervalTask = null;
        }
        if (policy == DurabilityPolicy.INTERVAL) {
            intervalTask = context.scheduler().scheduleWithFixedDelay(this::scheduleFlush, flushIntervalMs,
                    flushIntervalMs, TimeUnit.MILLISECONDS);
        }
        if (policy != DurabilityPolicy.FSYNC) {
            completeUpTo(Long.MAX_VALUE); // nobody waits for an fsync that the policy no longer promises
        }
    }

    void stop() {
        if (intervalTask != null) {
            intervalTask.cancel(false);
        }
    }

    /** Number of fsync rounds that forced data, for tests and metrics. */
    long fsyncCount() {
        return fsyncs.sum();
    }

    void countFsync() {
        fsyncs.increment();
    }

    CompletableFuture<Void> awaitDurable(long offset) {
        if (log.config().durability() != DurabilityPolicy.FSYNC || offset <= log.recoveryPoint()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> future = new CompletableFuture<>();
        synchronized (waiters) {
            waiters.add(new Waiter(offset, future));
            pendingWaiters = waiters.size();
        }
        scheduleFlush();
        return future;
    }

    /** After an append: waiters ahead of the old log end may now be satisfiable. */
    void onAppend() {
        if (pendingWaiters > 0) {
            scheduleFlush();
        }
    }

    private void scheduleFlush() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                context.flushers().execute(this::run);
            } catch (RejectedExecutionException e) {
                scheduled.set(false);
                failAll(new LogOfflineException("log " + log.id() + " is shutting down"));
            }
        }
    }

    private void run() {
        while (true) {
            try {
                log.flushUpTo(log.logEndOffset());
            } catch (IOException e) {
                LOG.error("[Log {}] fsync failed, taking the log offline", log.id(), e);
                LogIOException failure = log.markOffline("fsync failed", e);
                scheduled.set(false);
                failAll(failure);
                return;
            } catch (StorageException e) {
                scheduled.set(false);
                failAll(e);
                return;
            } catch (RuntimeException e) {
                LOG.error("[Log {}] unexpected error while flushing", log.id(), e);
                scheduled.set(false);
                failAll(new StorageException("flush failed", e));
                return;
            }
            completeUpTo(log.recoveryPoint());
            scheduled.set(false);
            if (!hasSatisfiableWaiter() || !scheduled.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private boolean hasSatisfiableWaiter() {
        synchronized (waiters) {
            Waiter first = waiters.peek();
            return first != null && first.offset <= log.logEndOffset();
        }
    }

    private void completeUpTo(long durableOffset) {
        while (true) {
            Waiter waiter;
            synchronized (waiters) {
                Waiter first = waiters.peek();
                if (first == null || first.offset > durableOffset) {
                    pendingWaiters = waiters.size();
                    return;
                }
                waiter = waiters.poll();
                pendingWaiters = waiters.size();
            }
            waiter.future.complete(null);
        }
    }

    void failAll(StorageException failure) {
        while (true) {
            Waiter waiter;
            synchronized (waiters) {
                waiter = waiters.poll();
                pendingWaiters = waiters.size();
            }
            if (waiter == null) {
                return;
            }
            waiter.future.completeExceptionally(failure);
        }
    }
}
