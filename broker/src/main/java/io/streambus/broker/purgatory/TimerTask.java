package io.streambus.broker.purgatory;

/**
 * Something to run at a deadline ({@code Time.nanoseconds()} scale). Lives in at most one
 * {@link TimerWheel} bucket at a time; the wheel's lock guards the link fields.
 */
public abstract class TimerTask {

    private final long deadlineNs;
    // Links of the wheel bucket's doubly-linked list, guarded by the wheel's lock.
    TimerWheel wheel;
    TimerTask prev;
    TimerTask next;
    long deadlineTick;

    protected TimerTask(long deadlineNs) {
        this.deadlineNs = deadlineNs;
    }

    public final long deadlineNs() {
        return deadlineNs;
    }

    /** Removes the task from its wheel, if it is in one; it will not run. Safe from any thread. */
    public void cancel() {
        TimerWheel current;
        synchronized (this) {
            current = wheel;
        }
        if (current != null) {
            current.remove(this);
        }
    }

    /** Runs on the timer thread when the deadline passes; must be quick and must not block. */
    protected abstract void run();
}
