package io.streambus.storage.cleaner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.storage.AppendRequest;
import io.streambus.storage.AppendResult;
import io.streambus.storage.CleanupConfig;
import io.streambus.storage.DurabilityPolicy;
import io.streambus.storage.LogConfig;
import io.streambus.storage.LogId;
import io.streambus.storage.LogManager;
import io.streambus.storage.LogManagerConfig;
import io.streambus.storage.PartitionLog;
import io.streambus.storage.Time;
import io.streambus.storage.log.SegmentedLog;
import io.streambus.storage.testing.KeyedRecords;
import io.streambus.storage.testing.KeyedRecords.Entry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer and two readers keep working on a compacted log while the cleaner threads compact it: reads see
 * whole, valid batches with increasing offsets, and once writing stops the log converges to the latest value
 * of every key.
 */
class ConcurrentCleaningTest {

    static final LogId ID = new LogId("busy", 0);
    static final LogConfig CONFIG = LogConfig.DEFAULT.withDurability(DurabilityPolicy.NONE).withSegmentBytes(4096)
            .withCleanup(CleanupConfig.compacted().withMinCleanableDirtyRatio(0.1));

    @TempDir
    Path dataDir;

    @Test
    void appendsAndReadsGoOnWhileTheCleanerRuns() throws Exception {
        LogManagerConfig managerConfig = new LogManagerConfig(1, 1, 60_000, 50)
                .withCleaner(new CleanerConfig(true, 2, Double.MAX_VALUE, 8 * 1024 * 1024, 1));
        try (LogManager manager = LogManager.open(dataDir, id -> CONFIG, Time.SYSTEM, managerConfig)) {
            PartitionLog log = manager.getOrCreate(ID, CONFIG);
            Map<String, Entry> model = new HashMap<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong reads = new AtomicLong();
            List<Thread> readers = List.of(reader(log, writing, failure, reads), reader(log, writing, failure, reads));
            for (int i = 0; i < 6_000; i++) {
                String key = "key-" + (i % 97);
                String value = "value-" + i;
                AppendResult result = log.append(AppendRequest.fromClient(
                        KeyedRecords.record(System.currentTimeMillis(), key, value), 0));
                log.updateHighWatermark(result.lastOffset() + 1);
                model.put(key, new Entry(result.firstOffset(), key, value, 0));
            }
            writing.set(false);
            for (Thread reader : readers) {
                reader.join(30_000);
            }
            assertThat(failure.get()).isNull();
            assertThat(reads.get()).isPositive();
            assertThat(manager.cleaner().passes()).isPositive();

            ((SegmentedLog) log).roll();
            manager.cleaner().wakeUp();
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    log.cleaningStats().firstDirtyOffset() == log.logEndOffset());
            Map<String, Entry> last = new HashMap<>();
            for (Entry entry : KeyedRecords.readAll(log)) {
                assertThat(last.put(entry.key(), entry)).as("one record per key once clean").isNull();
            }
            assertThat(last.size()).isEqualTo(model.size());
            for (Entry expected : model.values()) {
                assertThat(last.get(expected.key()).offset()).isEqualTo(expected.offset());
                assertThat(last.get(expected.key()).value()).isEqualTo(expected.value());
            }
            assertThat(log.cleaningStats().totalBytesReclaimed()).isPositive();
            assertThat(manager.cleaner().failures()).isZero();
        }
    }

    private static Thread reader(PartitionLog log, AtomicBoolean writing, AtomicReference<Throwable> failure,
                                 AtomicLong reads) {
        return Thread.ofPlatform().start(() -> {
            try {
                while (writing.get()) {
                    long previous = -1;
                    for (Entry entry : KeyedRecords.readAll(log)) { // parses and checks every CRC
                        assertThat(entry.offset()).isGreaterThan(previous);
                        previous = entry.offset();
                    }
                    reads.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        });
    }
}
