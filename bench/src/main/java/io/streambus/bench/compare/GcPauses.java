package io.streambus.bench.compare;

/**
 * Stop-the-world pauses found in a GC log.
 *
 * @param count   number of pauses
 * @param totalMs sum of their durations
 * @param maxMs   the longest one (0 when there was none)
 */
public record GcPauses(int count, double totalMs, double maxMs) {

    public static final GcPauses NONE = new GcPauses(0, 0, 0);

    GcPauses plus(double pauseMs) {
        return new GcPauses(count + 1, totalMs + pauseMs, Math.max(maxMs, pauseMs));
    }
}
