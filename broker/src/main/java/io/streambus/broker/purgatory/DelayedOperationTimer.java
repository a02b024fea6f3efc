package io.streambus.broker.purgatory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.streambus.storage.Time;

/**
 * Drives a {@link TimerWheel} with the injected {@link Time}: one timer thread advances the wheel every
 * tick and runs the expired tasks. Tests do not {@link #start()} it; they move a manual clock and call
 * {@link #advanceClock()} themselves, which makes expiry deterministic.
 *
 * <p>Thread-safe: {@link #add} from any thread; expired tasks run on whichever thread advances the
 * clock (the timer thread in production).
 */
public final class DelayedOperationTimer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DelayedOperationTimer.class);
    public static final long DEFAULT_TICK_MS = 1;
    public static final int DEFAULT_WHEEL_SIZE = 512;

    private final String name;
    private final Time time;
    private final TimerWheel wheel;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled by {@link #close()}, and by {@link #add} when the timer thread sleeps on an empty wheel. */
    private final Condition wakeUp = lock.newCondition();
    /** True while the timer thread waits; lets {@link #add} skip the lock when the thread is ticking anyway. */
    private volatile boolean idle;
    private volatile boolean running;
    private Thread thread;

    public DelayedOperationTimer(String name, Time time) {
        this(name, time, DEFAULT_TICK_MS, DEFAULT_WHEEL_SIZE);
    }

    public DelayedOperationTimer(String name, Time time, long tickMs, int wheelSize) {
        this.name = name;
        this.time = time;
        this.wheel = new TimerWheel(TimeUnit.MILLISECONDS.toNanos(tickMs), wheelSize, time.nanoseconds());
    }

    /** Schedules the task; one already due runs now, on the caller's thread. */
    public void add(TimerTask task) {
        if (!wheel.add(task)) {
            runSafely(task);
        } else if (idle) {
            lock.lock();
            try {
                wakeUp.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Expires everything due at {@code time.nanoseconds()}; returns how many tasks ran. */
    public int advanceClock() {
        List<TimerTask> expired = wheel.advanceTo(time.nanoseconds());
        for (TimerTask task : expired) {
            runSafely(task);
        }
        return expired.size();
    }

    /** Tasks waiting for their deadline. */
    public int size() {
        return wheel.size();
    }

    /** Starts the timer thread, which advances the clock once per tick. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("streambus-timer-" + name).start(this::runLoop);
    }

    @Override
    public synchronized void close() {
        running = false;
        lock.lock();
        try {
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    private void runLoop() {
        while (running) {
            advanceClock();
            lock.lock();
            try {
                if (running) {
                    // An empty wheel sleeps until add() wakes it, so an idle broker does not tick. Otherwise the
                    // tick is the timer's resolution: waiting for it is the timer's job, not a poll.
                    idle = true;
                    if (wheel.size() == 0) {
                        wakeUp.await();
                    } else {
                        wakeUp.awaitNanos(wheel.tickNs());
                    }
                    idle = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    private void runSafely(TimerTask task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // The timer thread must not die: one failing task would stop every other expiry.
            log.error("[Timer {}] Task {} failed on expiry", name, task, e);
        }
    }
}
