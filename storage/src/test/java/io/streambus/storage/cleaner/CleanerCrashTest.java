package io.streambus.storage.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.storage.LogManager;
import io.streambus.storage.LogManagerConfig;
import io.streambus.storage.PartitionLog;
import io.streambus.storage.Time;
import io.streambus.storage.testing.KeyedRecords;
import io.streambus.storage.testing.KeyedRecords.Entry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a process writing to a compacted log while its cleaner runs, at seeded random moments,
 * several rounds on the same data, and checks after each restart: every acknowledged write is the latest of
 * its key among offsets up to the last acknowledged one (nothing lost, nothing resurrected), no key appears
 * twice below the cleaner checkpoint, and no swap or cleaned file is left.
 */
class CleanerCrashTest {

    @TempDir
    Path dataDir;

    /** Latest acknowledged write per key; value null for a tombstone. */
    private final Map<String, Entry> model = new ConcurrentHashMap<>();
    private final AtomicLong lastAcked = new AtomicLong(-1);

    @Test
    void crashesDuringCleaningLoseNothingAndLeaveNoMix() throws Exception {
        Random random = new Random(20261127L);
        long passes = 0;
        for (int round = 0; round < 5; round++) {
            runAndKill(50 + random.nextInt(400), random.nextLong());
            passes += verify();
        }
        assertThat(passes).as("the cleaner compacted something across the rounds").isPositive();
    }

    private void runAndKill(int acks, long seed) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CleanerCrashProcess.class.getName(), dataDir.toString(), Long.toString(seed))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        CountDownLatch enough = new CountDownLatch(acks);
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String[] parts = line.split(" ");
                    if (parts.length == 4 && parts[0].equals("ok")) {
                        long offset = Long.parseLong(parts[1]);
                        String value = parts[3].equals("-") ? null : parts[3];
                        model.put(parts[2], new Entry(offset, parts[2], value, 0));
                        lastAcked.accumulateAndGet(offset, Math::max);
                        enough.countDown();
                    }
                }
            } catch (IOException e) {
                // The process died: its output ends.
            }
        });
        try {
            assertThat(enough.await(60, TimeUnit.SECONDS)).as("writer made progress").isTrue();
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            reader.join(10_000);
        }
    }

    /** Checks the log against the model; returns how many segments look compacted (offset gaps seen). */
    private long verify() throws IOException {
        LogManagerConfig noCleaner = CleanerCrashProcess.MANAGER.withCleaner(
                new CleanerConfig(false, 1, Double.MAX_VALUE, 4 * 1024 * 1024, 1));
        try (LogManager manager = LogManager.open(dataDir, id -> CleanerCrashProcess.CONFIG, Time.SYSTEM,
                noCleaner)) {
            PartitionLog log = manager.log(CleanerCrashProcess.ID).orElseThrow();
            assertThat(log.logEndOffset()).isGreaterThan(lastAcked.get());
            List<Entry> entries = KeyedRecords.readAll(log);
            Map<String, Entry> lastUpToAcked = new HashMap<>();
            long checkpoint = log.cleaningStats().firstDirtyOffset();
            Set<String> belowCheckpoint = new HashSet<>();
            long gaps = 0;
            long previous = -1;
            for (Entry entry : entries) {
                if (entry.offset() <= lastAcked.get()) {
                    lastUpToAcked.put(entry.key(), entry);
                }
                if (entry.offset() < checkpoint) {
                    assertThat(belowCheckpoint.add(entry.key())).as("key %s twice below %s", entry.key(), checkpoint)
                            .isTrue();
                }
                if (previous >= 0 && entry.offset() > previous + 1) {
                    gaps++;
                }
                previous = entry.offset();
            }
            for (Entry expected : model.values()) {
                Entry actual = lastUpToAcked.get(expected.key());
                if (expected.value() == null && actual == null) {
                    continue;
                }
                assertThat(actual).as("key %s", expected.key()).isNotNull();
                assertThat(actual.offset()).as("key %s", expected.key()).isEqualTo(expected.offset());
                assertThat(actual.value()).as("key %s", expected.key()).isEqualTo(expected.value());
            }
            try (var files = java.nio.file.Files.list(log.directory())) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .noneMatch(n -> n.endsWith(".swap") || n.endsWith(".cleaned"));
            }
            return gaps;
        }
    }
}
