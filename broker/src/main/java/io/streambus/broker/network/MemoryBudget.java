package io.streambus.broker.network;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes held by requests that are arriving or in flight, across all connections
 * ({@code queued.max.request.bytes}). A frame is charged by what has actually arrived (its buffer's
 * capacity), never by the size it announces, and stays charged until its response is written.
 *
 * <p>Frames still arriving may only use {@link #partialLimitBytes()} (a frame larger than that can never
 * be received); the rest is headroom for frames that arrive whole, so slow senders of large frames cannot starve small requests from other clients.
 * A connection refused memory pauses reading and {@linkplain #awaitMemory waits}; every release wakes
 * the waiters, which retry. Reads a paused connection already took from its socket are
 * {@linkplain #hold held}: counted in {@link #bytesInUse()} but not against the limits, so they cannot
 * eat the headroom. They are at most one receive buffer (64 KiB) per paused connection.
 *
 * <p>Thread-safe: used by every event loop.
 */
public final class MemoryBudget {

    /** Headroom kept for frames that arrive whole: a quarter of the capacity, at most this much. */
    static final long MAX_HEADROOM_BYTES = 16L * 1024 * 1024;

    private final long capacityBytes;
    private final long partialLimitBytes;
    private final AtomicLong usedBytes = new AtomicLong();
    private final AtomicLong heldBytes = new AtomicLong();
    private final AtomicInteger pausedConnections = new AtomicInteger();
    private final ConcurrentLinkedQueue<Runnable> waiters = new ConcurrentLinkedQueue<>();

    public MemoryBudget(long capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacityBytes must be positive, got " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
        this.partialLimitBytes = capacityBytes - Math.min(capacityBytes / 4, MAX_HEADROOM_BYTES);
    }

    /** Reserves {@code bytes} for a frame that has fully arrived, up to the whole capacity. */
    boolean tryReserveComplete(long bytes) {
        return tryReserve(bytes, capacityBytes);
    }

    /** Reserves {@code bytes} for a frame still arriving, up to {@link #partialLimitBytes()}. */
    boolean tryReservePartial(long bytes) {
        return tryReserve(bytes, partialLimitBytes);
    }

    /** Counts a read a paused connection holds; it is already in memory, so it cannot be refused. */
    void hold(long bytes) {
        heldBytes.addAndGet(bytes);
    }

    /** The held read was processed or dropped. */
    void unhold(long bytes) {
        heldBytes.addAndGet(-bytes);
    }

    void release(long bytes) {
        if (bytes == 0) {
            return;
        }
        usedBytes.addAndGet(-bytes);
        wakeWaiters();
    }

    /**
     * Runs {@code wake} (once, on the releasing thread: it must only schedule work) after memory is
     * next released. Wakes at once if the refused reservation of {@code bytes} (partial frame or
     * complete) would now succeed: a release may have raced with the refusal. Checking the refused
     * amount, not just "below the limit", keeps a large reservation from waking itself in a loop.
     */
    void awaitMemory(Runnable wake, long bytes, boolean partial) {
        waiters.add(wake);
        if (usedBytes.get() + bytes <= (partial ? partialLimitBytes : capacityBytes)) {
            wakeWaiters();
        }
    }

    void connectionPaused() {
        pausedConnections.incrementAndGet();
    }

    void connectionResumed() {
        pausedConnections.decrementAndGet();
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    public long partialLimitBytes() {
        return partialLimitBytes;
    }

    /** Bytes in memory for requests: frames arriving, frames in flight, reads held by paused connections. */
    public long bytesInUse() {
        return usedBytes.get() + heldBytes.get();
    }

    /** Connections whose reading is paused because the budget is exhausted. */
    public int connectionsPaused() {
        return pausedConnections.get();
    }

    private boolean tryReserve(long bytes, long limit) {
        while (true) {
            long used = usedBytes.get();
            if (used + bytes > limit) {
                return false;
            }
            if (usedBytes.compareAndSet(used, used + bytes)) {
                return true;
            }
        }
    }

    private void wakeWaiters() {
        Runnable wake;
        while ((wake = waiters.poll()) != null) {
            wake.run();
        }
    }
}
