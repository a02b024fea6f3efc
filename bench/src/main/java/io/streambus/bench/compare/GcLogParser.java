package io.streambus.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the stop-the-world pauses in a unified JVM log written with {@code -Xlog:gc*:file=F:time,tags}
 * (the form Kafka's start script uses). It understands both collectors in this comparison:
 * <ul>
 *   <li>G1: {@code [..][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(1024M) 3.456ms},
 *       and likewise Pause Remark, Pause Cleanup, Pause Full;</li>
 *   <li>ZGC: {@code [..][gc,phases] GC(0) Y: Pause Mark Start 0.006ms}, Pause Mark End, Pause
 *       Relocate Start.</li>
 * </ul>
 * Only the {@code gc} and {@code gc,phases} tag sets count: G1's {@code gc,start} line repeats the
 * pause's name without a duration, and ZGC's {@code gc,stats} tables summarise pauses already counted.
 */
public final class GcLogParser {

    private static final Pattern PAUSE = Pattern.compile(
            "\\[(gc|gc,phases)\\s*] .*\\bPause\\b.*?(\\d+(?:\\.\\d+)?)ms\\s*$");

    private GcLogParser() {
    }

    public static GcPauses parse(Path log) throws IOException {
        GcPauses pauses = GcPauses.NONE;
        // Rotated files (F.0, F.1, ...) only appear past 100 MB; read whatever exists.
        try (var lines = Files.lines(log)) {
            for (String line : (Iterable<String>) lines::iterator) {
                pauses = add(pauses, line);
            }
        }
        return pauses;
    }

    static GcPauses add(GcPauses pauses, String line) {
        Matcher m = PAUSE.matcher(line);
        return m.find() ? pauses.plus(Double.parseDouble(m.group(2))) : pauses;
    }
}
