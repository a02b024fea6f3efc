package io.streambus.broker.purgatory;

import java.util.ArrayList;
import java.util.List;

/**
 * A hashed timing wheel: {@code wheelSize} buckets of {@code tickNs} each. A task goes into the bucket
 * of its deadline tick; advancing the clock visits only the buckets of the ticks that passed (at most
 * one revolution) and expires the tasks whose deadline tick has come; tasks due in a later revolution
 * stay. Add and cancel are O(1). Tasks expire at most one tick late, never early.
 *
 * <p>Pure data structure with no clock of its own, so tests drive it with any time. Thread-safe: one
 * lock guards the buckets; expired tasks are returned, not run, so no task runs under the lock.
 */
public final class TimerWheel {

    private final long tickNs;
    private final long startNs;
    private final TimerTask[] buckets;
    private long currentTick;
    private int size;

    public TimerWheel(long tickNs, int wheelSize, long startNs) {
        if (tickNs <= 0 || wheelSize <= 0) {
            throw new IllegalArgumentException("tickNs and wheelSize must be positive");
        }
        this.tickNs = tickNs;
        this.startNs = startNs;
        this.buckets = new TimerTask[wheelSize];
    }

    /** Schedules the task; false (and not scheduled) if its deadline has already passed at the wheel's time. */
    public synchronized boolean add(TimerTask task) {
        long offsetNs = task.deadlineNs() - startNs;
        if (offsetNs <= currentTick * tickNs) {
            return false;
        }
        // Round up: expiring in tick t means time >= start + t * tick >= deadline.
        long tick = Math.max(ceilDiv(offsetNs, tickNs), currentTick + 1);
        synchronized (task) {
            if (task.wheel != null) {
                throw new IllegalStateException("task already scheduled");
            }
            task.wheel = this;
        }
        task.deadlineTick = tick;
        int index = (int) (tick % buckets.length);
        task.prev = null;
        task.next = buckets[index];
        if (task.next != null) {
            task.next.prev = task;
        }
        buckets[index] = task;
        size++;
        return true;
    }

    /** Unlinks the task if it is still scheduled here. */
    synchronized void remove(TimerTask task) {
        if (task.wheel != this) {
            return;
        }
        unlink(task);
    }

    /** Moves the wheel to {@code nowNs} and returns the tasks now due, unlinked, in no particular order. */
    public synchronized List<TimerTask> advanceTo(long nowNs) {
        long targetTick = (nowNs - startNs) / tickNs;
        if (targetTick <= currentTick) {
            return List.of();
        }
        List<TimerTask> expired = new ArrayList<>();
        long lastTick = Math.min(targetTick, currentTick + buckets.length);
        for (long tick = currentTick + 1; tick <= lastTick; tick++) {
            TimerTask task = buckets[(int) (tick % buckets.length)];
            while (task != null) {
                TimerTask next = task.next;
                if (task.deadlineTick <= targetTick) {
                    unlink(task);
                    expired.add(task);
                }
                task = next;
            }
        }
        currentTick = targetTick;
        return expired;
    }

    /** Tasks scheduled and not yet expired or cancelled. */
    public synchronized int size() {
        return size;
    }

    public long tickNs() {
        return tickNs;
    }

    private void unlink(TimerTask task) {
        int index = (int) (task.deadlineTick % buckets.length);
        if (task.prev != null) {
            task.prev.next = task.next;
        } else {
            buckets[index] = task.next;
        }
        if (task.next != null) {
            task.next.prev = task.prev;
        }
        task.prev = null;
        task.next = null;
        synchronized (task) {
            task.wheel = null;
        }
        size--;
    }

    private static long ceilDiv(long value, long divisor) {
        return -Math.floorDiv(-value, divisor);
    }
}
