package io.streambus.broker.purgatory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An operation that waits for a condition or a timeout: a Fetch long-poll waiting for min bytes, a
 * Produce waiting for acks=all. Put in a {@link Purgatory}, it is re-checked ({@link #tryComplete()})
 * each time an event fires on one of its watch keys, and expires at its deadline.
 *
 * <p>Exactly-once: whichever comes first, {@link #forceComplete()} from {@code tryComplete} or the
 * timer, wins; {@link #onComplete()} runs exactly once, and {@link #onExpiration()} runs after it only
 * when the timer won. {@code tryComplete} calls are serialised by a per-operation lock, so the
 * condition check never races with itself; it may run on any thread that fires an event, so it must be
 * quick and must not block. {@code onComplete} typically completes the future a handler returned.
 */
public abstract class DelayedOperation extends TimerTask {

    private final AtomicBoolean completed = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();

    /** @param deadlineNs when to expire, on the {@code Time.nanoseconds()} scale of the purgatory's timer */
    protected DelayedOperation(long deadlineNs) {
        super(deadlineNs);
    }

    /** Convenience: a deadline {@code timeoutMs} after {@code nowNs}. */
    protected static long deadline(long nowNs, long timeoutMs) {
        return nowNs + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }

    /**
     * Checks whether the operation can complete now; if so, calls {@link #forceComplete()} and returns
     * its result. Called under this operation's lock.
     */
    protected abstract boolean tryComplete();

    /** Runs exactly once, when the operation completes for any reason. */
    protected abstract void onComplete();

    /** Runs after {@link #onComplete()} when the cause was the deadline. */
    protected abstract void onExpiration();

    /** Completes the operation unless it already was; true if this call completed it. */
    public final boolean forceComplete() {
        if (completed.compareAndSet(false, true)) {
            cancel();
            onComplete();
            return true;
        }
        return false;
    }

    public final boolean isCompleted() {
        return completed.get();
    }

    /** {@link #tryComplete()} under the operation's lock, skipped once completed. */
    final boolean safeTryComplete() {
        lock.lock();
        try {
            return !isCompleted() && tryComplete();
        } finally {
            lock.unlock();
        }
    }

    @Override
    protected final void run() {
        if (forceComplete()) {
            onExpiration();
        }
    }
}
