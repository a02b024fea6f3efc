package io.streambus.storage.cleaner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.storage.AppendRequest;
import io.streambus.storage.CleanupConfig;
import io.streambus.storage.DurabilityPolicy;
import io.streambus.storage.InvalidBatchException;
import io.streambus.storage.LogConfig;
import io.streambus.storage.LogId;
import io.streambus.storage.log.LogState;
import io.streambus.storage.log.SegmentFiles;
import io.streambus.storage.log.SegmentedLog;
import io.streambus.storage.testing.KeyedRecords;
import io.streambus.storage.testing.KeyedRecords.Entry;
import io.streambus.storage.testing.ManualTime;
import io.streambus.storage.testing.TestBatches;
import io.streambus.storage.testing.TestLogContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanerTest {

    static final LogId ID = new LogId("compacted", 0);
    static final LogConfig CONFIG = LogConfig.DEFAULT.withDurability(DurabilityPolicy.NONE).withSegmentBytes(1024)
            .withCleanup(CleanupConfig.compacted().withDeleteRetentionMs(1000));

    @TempDir
    Path dataDir;

    final ManualTime time = new ManualTime();
    final TestLogContext threads = new TestLogContext(time);
    final Cleaner cleaner = new Cleaner(1024 * 1024, new IoThrottler(Double.MAX_VALUE, time), time, () -> false);
    SegmentedLog log;

    SegmentedLog open(LogConfig config) throws IOException {
        log = SegmentedLog.open(ID, dataDir.resolve(ID.directoryName()), config, threads.context(), LogState.EMPTY,
                false);
        return log;
    }

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
        threads.close();
    }

    void put(String key, String value) {
        log.append(AppendRequest.fromClient(KeyedRecords.record(time.milliseconds(), key, value), 0));
    }

    /** Seals everything written so far and makes it committed, so all of it is cleanable. */
    void sealAll() {
        log.roll();
        log.updateHighWatermark(log.logEndOffset());
    }

    @Test
    void keepsTheLatestValuePerKeyAtItsOriginalOffset() throws IOException {
        open(CONFIG);
        for (int i = 0; i < 30; i++) {
            put("k" + (i % 3), "v" + i);
        }
        sealAll();
        long sizeBefore = log.sizeInBytes();

        Cleaner.Result result = cleaner.clean(log);

        assertThat(result.completed()).isTrue();
        assertThat(KeyedRecords.readAll(log)).containsExactly(
                new Entry(27, "k0", "v27", time.milliseconds()),
                new Entry(28, "k1", "v28", time.milliseconds()),
                new Entry(29, "k2", "v29", time.milliseconds()));
        assertThat(log.logEndOffset()).isEqualTo(30);
        assertThat(log.sizeInBytes()).isLessThan(sizeBefore);
        assertThat(result.bytesReclaimed()).isEqualTo(sizeBefore - log.sizeInBytes());
        assertThat(log.cleaningStats().firstDirtyOffset()).isEqualTo(30);
        assertThat(log.cleaningStats().lastCleaningTimeMs()).isEqualTo(time.milliseconds());
        assertThat(log.cleaningStats().dirtyRatio()).isZero();
    }

    @Test
    void tombstonesStayForDeleteRetentionFromTheFirstCleaningThenGo() throws IOException {
        open(CONFIG);
        put("a", "1");
        put("b", "2");
        put("a", null);
        sealAll();

        cleaner.clean(log);
        assertThat(KeyedRecords.readAll(log)).extracting(Entry::key, Entry::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b", "2"), org.assertj.core.groups.Tuple.tuple("a", null));

        time.advanceMs(999);
        cleaner.clean(log);
        assertThat(KeyedRecords.readAll(log)).extracting(Entry::key).containsExactly("b", "a");

        time.advanceMs(1);
        cleaner.clean(log);
        assertThat(KeyedRecords.readAll(log)).extracting(Entry::key).containsExactly("b");
    }

    @Test
    void compressedBatchesAreRewrittenWithTheirCodec() throws IOException {
        open(CONFIG.withSegmentBytes(64 * 1024));
        for (int round = 0; round < 3; round++) {
            log.append(AppendRequest.fromClient(KeyedRecords.batch(Compression.zstd().build(), time.milliseconds(),
                    List.of("x", "y", "z"), List.of("x" + round, "y" + round, "z" + round)), 0));
        }
        sealAll();

        cleaner.clean(log);

        List<Entry> entries = KeyedRecords.readAll(log);
        assertThat(entries).extracting(Entry::offset).containsExactly(6L, 7L, 8L);
        assertThat(entries).extracting(Entry::value).containsExactly("x2", "y2", "z2");
        var batches = TestBatches.parse(readRaw());
        assertThat(batches).allSatisfy(b -> assertThat(b.compressionType().name).isEqualTo("zstd"));
    }

    @Test
    void cleansInRoundsWhenTheOffsetMapIsSmall() throws IOException {
        open(CONFIG.withSegmentBytes(300));
        Cleaner small = new Cleaner(16 * OffsetMap.BYTES_PER_ENTRY, new IoThrottler(Double.MAX_VALUE, time), time,
                () -> false);
        for (int i = 0; i < 100; i++) {
            put("k" + (i % 20), "v" + i);
        }
        sealAll();

        int passes = 0;
        while (log.cleanerProgress().firstDirtyOffset() < log.logEndOffset() && passes < 50) {
            small.clean(log);
            passes++;
        }
        small.clean(log);

        assertThat(passes).isGreaterThan(1);
        List<Entry> entries = KeyedRecords.readAll(log);
        assertThat(entries).extracting(Entry::key).doesNotHaveDuplicates().hasSize(20);
        assertThat(entries).extracting(Entry::offset).allMatch(offset -> offset >= 80);
    }

    @Test
    void leavesTheActiveSegmentAndUncommittedDataAlone() throws IOException {
        open(CONFIG);
        for (int i = 0; i < 10; i++) {
            put("k", "v" + i);
        }
        log.roll();
        long committed = log.logEndOffset();
        for (int i = 10; i < 20; i++) {
            put("k", "v" + i);
        }
        log.roll();
        log.updateHighWatermark(committed);
        put("k", "active");

        cleaner.clean(log);

        assertThat(KeyedRecords.readAll(log)).extracting(Entry::value).startsWith("v9").contains("v10", "v19", "active");
        assertThat(log.cleanerProgress().firstDirtyOffset()).isEqualTo(committed);
    }

    @Test
    void keepsTheLastBatchOfEachProducerEvenWhenEmptied() throws IOException {
        open(CONFIG);
        SimpleRecord record = new SimpleRecord(time.milliseconds(), "k".getBytes(), "p".getBytes());
        log.append(AppendRequest.fromClient(MemoryRecords.withIdempotentRecords(Compression.NONE, 42L, (short) 0, 0,
                record).buffer(), 0));
        put("k", "later");
        sealAll();

        cleaner.clean(log);

        var batches = TestBatches.parse(readRaw());
        assertThat(batches).hasSize(2);
        assertThat(batches.getFirst().producerId()).isEqualTo(42L);
        assertThat(batches.getFirst().countOrNull()).isZero();
        assertThat(KeyedRecords.readAll(log)).extracting(Entry::value).containsExactly("later");
        // The producer survives a restart that rebuilds its state from the log.
        log.close();
        deleteSnapshots();
        open(CONFIG);
        assertThat(log.activeProducers()).extracting(p -> p.producerId()).containsExactly(42L);
    }

    @Test
    void rejectsRecordsWithoutKeyOnACompactedLog() throws IOException {
        open(CONFIG);
        assertThatThrownBy(() -> log.append(AppendRequest.fromClient(TestBatches.batchWithTimestamps(1L), 0)))
                .isInstanceOf(InvalidBatchException.class)
                .hasMessageContaining("Compacted topic cannot accept message without key");
        log.updateConfig(CONFIG.withCleanup(CleanupConfig.DEFAULT));
        log.append(AppendRequest.fromClient(TestBatches.batchWithTimestamps(1L), 0));
        assertThat(log.logEndOffset()).isEqualTo(1);
    }

    @Test
    void aCrashAfterTheSwapCommitPointCompletesTheSwapAtStartUp() throws IOException {
        open(CONFIG.withSegmentBytes(200));
        for (int i = 0; i < 40; i++) {
            put("k" + (i % 4), "v" + i);
        }
        sealAll();
        List<Entry> before = KeyedRecords.readAll(log);
        Path dir = dataDir.resolve(ID.directoryName());
        List<Long> bases = log.segmentBaseOffsets();
        log.abandon();
        // What a crash between the .swap rename and the old segments' removal leaves: a swap file covering
        // the first three segments (here: a copy of their compacted content) next to them.
        Path swap = dir.resolve(SegmentFiles.baseName(bases.get(0)) + SegmentFiles.LOG + SegmentFiles.SWAP);
        ByteBuffer kept = KeyedRecords.batch(Compression.NONE, time.milliseconds(), List.of("k0"),
                List.of("dummy"));
        long lastOffsetOfThird = bases.get(3) - 1;
        kept.putLong(0, lastOffsetOfThird); // base offset; CRC covers from attributes on
        Files.write(swap, Arrays.copyOf(kept.array(), kept.limit()));
        Files.write(dir.resolve(SegmentFiles.baseName(99) + SegmentFiles.LOG + SegmentFiles.CLEANED), new byte[10]);

        open(CONFIG.withSegmentBytes(200));

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(SegmentFiles.SWAP) || n.endsWith(SegmentFiles.CLEANED));
        }
        List<Entry> after = KeyedRecords.readAll(log);
        List<Entry> expected = new ArrayList<>();
        expected.add(new Entry(lastOffsetOfThird, "k0", "dummy", time.milliseconds()));
        before.stream().filter(e -> e.offset() >= bases.get(3)).forEach(expected::add);
        assertThat(after).containsExactlyElementsOf(expected);
        assertThat(log.segmentBaseOffsets()).doesNotContain(bases.get(1), bases.get(2));
    }

    @Test
    void anUnfinishedCleanedSegmentIsDroppedAtStartUp() throws IOException {
        open(CONFIG.withSegmentBytes(200));
        for (int i = 0; i < 20; i++) {
            put("k" + (i % 4), "v" + i);
        }
        sealAll();
        List<Entry> before = KeyedRecords.readAll(log);
        log.abandon();
        Path dir = dataDir.resolve(ID.directoryName());
        Files.write(dir.resolve(SegmentFiles.baseName(0) + SegmentFiles.LOG + SegmentFiles.CLEANED), new byte[100]);
        Files.write(dir.resolve(SegmentFiles.baseName(0) + SegmentFiles.INDEX + SegmentFiles.SWAP), new byte[8]);

        open(CONFIG.withSegmentBytes(200));

        assertThat(KeyedRecords.readAll(log)).containsExactlyElementsOf(before);
    }

    private void deleteSnapshots() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve(ID.directoryName()))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".snapshot")).toList()) {
                Files.delete(file);
            }
        }
    }

    private ByteBuffer readRaw() {
        var result = (io.streambus.storage.ReadResult.Records) log.read(new io.streambus.storage.ReadRequest(
                log.logStartOffset(), Integer.MAX_VALUE, Long.MAX_VALUE, true));
        ByteBuffer buffer = ByteBuffer.allocate(result.slice().sizeInBytes());
        try {
            result.slice().readInto(buffer);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return buffer.flip();
    }
}
