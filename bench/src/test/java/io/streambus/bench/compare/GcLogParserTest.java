package io.streambus.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogParserTest {

    @TempDir
    Path dir;

    @Test
    void countsG1AndZgcPausesAndNothingElse() {
        List<String> lines = List.of(
                "[2026-01-01T00:00:00.000+0000][gc,start    ] GC(0) Pause Young (Normal) (G1 Evacuation Pause)",
                "[2026-01-01T00:00:00.004+0000][gc,phases   ] GC(0)   Evacuate Collection Set: 2.1ms",
                "[2026-01-01T00:00:00.005+0000][gc          ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(1024M) 3.456ms",
                "[2026-01-01T00:00:01.000+0000][gc          ] GC(1) Pause Remark 10M->10M(1024M) 1.5ms",
                "[2026-01-01T00:00:01.000+0000][gc,marking  ] GC(1) Concurrent Mark From Roots 12.0ms",
                "[2026-01-01T00:00:02.000+0000][gc,phases   ] GC(2) Y: Pause Mark Start (Major) 0.008ms",
                "[2026-01-01T00:00:02.000+0000][gc,phases   ] GC(2) Y: Concurrent Mark 5.000ms",
                "[2026-01-01T00:00:02.000+0000][gc,stats    ]   Phase: Pause Mark End   0.010 / 0.010   0.010 / 0.010 ms",
                "[2026-01-01T00:00:02.000+0000][gc,cpu      ] GC(0) User=0.01s Sys=0.00s Real=0.00s");
        GcPauses pauses = GcPauses.NONE;
        for (String line : lines) {
            pauses = GcLogParser.add(pauses, line);
        }
        assertThat(pauses.count()).isEqualTo(3);
        assertThat(pauses.maxMs()).isEqualTo(3.456);
        assertThat(pauses.totalMs()).isCloseTo(3.456 + 1.5 + 0.008, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void parsesTheLogOfARealG1Jvm() throws Exception {
        assertThat(pausesOfRealJvm("-XX:+UseG1GC").count()).isPositive();
    }

    @Test
    void parsesTheLogOfARealZgcJvm() throws Exception {
        GcPauses pauses = pausesOfRealJvm("-XX:+UseZGC");
        assertThat(pauses.count()).isPositive();
        assertThat(pauses.maxMs()).isPositive();
    }

    /** Runs a JVM with the GC log option the harness gives both brokers, and parses what it wrote. */
    private GcPauses pausesOfRealJvm(String collector) throws Exception {
        Path log = dir.resolve(collector.substring(5) + ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = JvmProcesses.start(List.of(java.toString(), collector, "-Xmx64m", JvmProcesses.gcLogOption(log),
                "-cp", System.getProperty("java.class.path"), GcPauseTrigger.class.getName()), dir,
                dir.resolve("out.txt"));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();
        return GcLogParser.parse(log);
    }
}
