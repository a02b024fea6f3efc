package io.streambus.storage;

/**
 * The source of time for everything below the network. Injected so that tests control it;
 * core code never calls {@code System.currentTimeMillis()} directly.
 */
public interface Time {

    Time SYSTEM = new Time() {
        @Override
        public long milliseconds() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanoseconds() {
            return System.nanoTime();
        }
    };

    /** Wall-clock time, for record timestamps and ages of segments. */
    long milliseconds();

    /** Monotonic time, for measuring intervals. */
    long nanoseconds();
}
