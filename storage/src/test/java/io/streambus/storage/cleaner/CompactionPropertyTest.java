package io.streambus.storage.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.storage.AppendRequest;
import io.streambus.storage.CleanupConfig;
import io.streambus.storage.DurabilityPolicy;
import io.streambus.storage.LogConfig;
import io.streambus.storage.LogId;
import io.streambus.storage.log.LogState;
import io.streambus.storage.log.SegmentedLog;
import io.streambus.storage.testing.KeyedRecords;
import io.streambus.storage.testing.KeyedRecords.Entry;
import io.streambus.storage.testing.ManualTime;
import io.streambus.storage.testing.TestLogContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.compress.Compression;

/**
 * Random writes (values and tombstones, plain and gzip batches), rolls, cleaning passes (with an offset map
 * small enough to force several rounds), clock advances, clean reopens and crashes, against the model
 * "latest value per key". After every step: the last record of every key in the log is the model's, at the
 * model's offset; below the cleaner checkpoint no key appears twice. At the end, after everything is sealed,
 * cleaned (in as many rounds as the map needs), and cleaned again past delete.retention.ms, the log is exactly
 * the model's live keys.
 */
class CompactionPropertyTest {

    private static final LogId ID = new LogId("model", 0);
    private static final long DELETE_RETENTION_MS = 5_000;
    private static final LogConfig CONFIG = LogConfig.DEFAULT.withDurability(DurabilityPolicy.NONE)
            .withSegmentBytes(400).withIndexIntervalBytes(100).withSegmentIndexBytes(64)
            .withProducerIdExpirationMs(Long.MAX_VALUE)
            .withCleanup(CleanupConfig.compacted().withDeleteRetentionMs(DELETE_RETENTION_MS));

    enum Kind { PUT, DELETE, BATCH, ROLL, CLEAN, ADVANCE, REOPEN, CRASH }

    record Op(Kind kind, int key, int count) {
    }

    /** The latest write of a key: value null for a tombstone. */
    record Latest(long offset, String value) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(10, Kind.PUT),
                net.jqwik.api.Tuple.of(3, Kind.DELETE),
                net.jqwik.api.Tuple.of(3, Kind.BATCH),
                net.jqwik.api.Tuple.of(2, Kind.ROLL),
                net.jqwik.api.Tuple.of(4, Kind.CLEAN),
                net.jqwik.api.Tuple.of(2, Kind.ADVANCE),
                net.jqwik.api.Tuple.of(1, Kind.REOPEN),
                net.jqwik.api.Tuple.of(1, Kind.CRASH));
        Arbitrary<Op> op = Combinators.combine(kinds, Arbitraries.integers().between(0, 19),
                Arbitraries.integers().between(1, 6)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(80);
    }

    @Property(tries = 60)
    void compactedLogMatchesTheModel(@ForAll("ops") List<Op> ops) throws IOException {
        Path dir = Files.createTempDirectory("compaction-model");
        ManualTime time = new ManualTime();
        TestLogContext threads = new TestLogContext(time);
        Cleaner cleaner = new Cleaner(16 * OffsetMap.BYTES_PER_ENTRY, new IoThrottler(Double.MAX_VALUE, time), time,
                () -> false);
        Map<String, Latest> model = new HashMap<>();
        SegmentedLog log = open(dir, threads, LogState.EMPTY, false);
        int counter = 0;
        try {
            for (Op op : ops) {
                switch (op.kind()) {
                    case PUT, DELETE -> {
                        String key = "k" + op.key();
                        String value = op.kind() == Kind.PUT ? "v" + counter++ : null;
                        long offset = log.append(AppendRequest.fromClient(
                                KeyedRecords.record(time.milliseconds(), key, value), 0)).firstOffset();
                        model.put(key, new Latest(offset, value));
                    }
                    case BATCH -> {
                        List<String> keys = new ArrayList<>();
                        List<String> values = new ArrayList<>();
                        for (int i = 0; i < op.count(); i++) {
                            keys.add("k" + ((op.key() + i * 7) % 20));
                            values.add(i % 4 == 3 ? null : "v" + counter++);
                        }
                        Compression compression = op.key() % 2 == 0 ? Compression.NONE : Compression.gzip().build();
                        long first = log.append(AppendRequest.fromClient(
                                KeyedRecords.batch(compression, time.milliseconds(), keys, values), 0)).firstOffset();
                        for (int i = 0; i < keys.size(); i++) {
                            model.put(keys.get(i), new Latest(first + i, values.get(i)));
                        }
                    }
                    case ROLL -> log.roll();
                    case CLEAN -> {
                        log.updateHighWatermark(log.logEndOffset());
                        cleaner.clean(log);
                    }
                    case ADVANCE -> time.advanceMs(op.count() * 1_000L);
                    case REOPEN -> {
                        long checkpoint = log.cleanerProgress().firstDirtyOffset();
                        LogState state = new LogState(log.recoveryPoint(), log.logStartOffset(), log.highWatermark());
                        log.close();
                        log = open(dir, threads, state, true);
                        log.cleanerProgress().firstDirtyOffset(checkpoint);
                    }
                    case CRASH -> {
                        log.flush(); // the model holds what was written; a crash test of its own covers torn writes
                        log.abandon();
                        // A stale cleaner checkpoint is legal after a crash: the next pass redoes work.
                        log = open(dir, threads, LogState.EMPTY, false);
                    }
                }
                checkInvariants(log, model);
            }
            log.roll();
            log.updateHighWatermark(log.logEndOffset());
            // The small offset map may need several rounds to reach the end; then one pass, with nothing
            // dirty left, sees every tombstone past its horizon.
            for (int round = 0; round < 100 && log.cleanerProgress().firstDirtyOffset() < log.logEndOffset(); round++) {
                cleaner.clean(log);
            }
            assertThat(log.cleanerProgress().firstDirtyOffset()).isEqualTo(log.logEndOffset());
            time.advanceMs(DELETE_RETENTION_MS + 1);
            cleaner.clean(log);
            List<Entry> expected = model.entrySet().stream()
                    .filter(e -> e.getValue().value() != null)
                    .map(e -> new Entry(e.getValue().offset(), e.getKey(), e.getValue().value(), 0))
                    .sorted(Comparator.comparingLong(Entry::offset))
                    .toList();
            assertThat(KeyedRecords.readAll(log)).extracting(Entry::offset, Entry::key, Entry::value)
                    .containsExactlyElementsOf(expected.stream()
                            .map(e -> org.assertj.core.groups.Tuple.tuple(e.offset(), e.key(), e.value())).toList());
        } finally {
            log.close();
            threads.close();
            deleteRecursively(dir);
        }
    }

    private static SegmentedLog open(Path dir, TestLogContext threads, LogState state, boolean clean)
            throws IOException {
        return SegmentedLog.open(ID, dir.resolve(ID.directoryName()), CONFIG, threads.context(), state, clean);
    }

    private static void checkInvariants(SegmentedLog log, Map<String, Latest> model) {
        List<Entry> entries = KeyedRecords.readAll(log);
        Map<String, Entry> last = new HashMap<>();
        long checkpoint = log.cleanerProgress().firstDirtyOffset();
        Set<String> seenBelowCheckpoint = new HashSet<>();
        for (Entry entry : entries) {
            last.put(entry.key(), entry);
            if (entry.offset() < checkpoint) {
                assertThat(seenBelowCheckpoint.add(entry.key()))
                        .as("key %s twice below the cleaner checkpoint %s", entry.key(), checkpoint).isTrue();
            }
        }
        for (Map.Entry<String, Latest> expected : model.entrySet()) {
            Entry actual = last.get(expected.getKey());
            if (expected.getValue().value() == null) {
                assertThat(actual == null || actual.value() == null).as("deleted key %s", expected.getKey()).isTrue();
                if (actual != null) {
                    assertThat(actual.offset()).isEqualTo(expected.getValue().offset());
                }
            } else {
                assertThat(actual).as("key %s", expected.getKey()).isNotNull();
                assertThat(actual.offset()).isEqualTo(expected.getValue().offset());
                assertThat(actual.value()).isEqualTo(expected.getValue().value());
            }
        }
        assertThat(last.keySet()).isSubsetOf(model.keySet());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
