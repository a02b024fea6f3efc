package io.streambus.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads CPU time and peak memory of a process from Linux's /proc. Parsing is separate from reading so
 * that it can be tested on fixed text.
 *
 * <p>{@code /proc/<pid>/stat} is one line: {@code pid (comm) state ppid ...}; comm may hold spaces and
 * parentheses, so fields are counted from the last ')'. utime and stime are fields 14 and 15 (1-based),
 * in clock ticks. {@code /proc/<pid>/status} has a line {@code VmHWM:   123456 kB}.
 */
public final class ProcFs {

    /** USER_HZ. Linux has reported 100 to user space on every mainstream architecture for decades. */
    static final int CLOCK_TICKS_PER_SECOND = 100;

    private ProcFs() {
    }

    public static ProcessSample sample(long pid) throws IOException {
        Path dir = Path.of("/proc", Long.toString(pid));
        return new ProcessSample(cpuSeconds(Files.readString(dir.resolve("stat"))),
                peakRssBytes(Files.readString(dir.resolve("status"))));
    }

    static double cpuSeconds(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + statLine);
        }
        // After ") " come field 3 (state) onwards; utime is field 14, so index 11 here, stime 12.
        String[] fields = statLine.substring(close + 2).trim().split(" +");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return (double) ticks / CLOCK_TICKS_PER_SECOND;
    }

    static long peakRssBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring("VmHWM:".length()).trim().split(" +");
                long value = Long.parseLong(parts[0]);
                if (parts.length < 2 || !parts[1].equals("kB")) {
                    throw new IllegalArgumentException("unexpected VmHWM unit: " + line);
                }
                return value * 1024;
            }
        }
        throw new IllegalArgumentException("no VmHWM line in /proc/<pid>/status");
    }
}
