package io.streambus.bench.storage;

import io.streambus.storage.AppendRequest;
import io.streambus.storage.AppendResult;
import io.streambus.storage.DurabilityPolicy;
import io.streambus.storage.LogConfig;
import io.streambus.storage.LogId;
import io.streambus.storage.LogManager;
import io.streambus.storage.LogManagerConfig;
import io.streambus.storage.PartitionLog;
import io.streambus.storage.Time;
import io.streambus.storage.cleaner.Cleaner;
import io.streambus.storage.cleaner.IoThrottler;
import io.streambus.storage.log.SegmentedLog;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.compress.Compression;

/**
 * The effect of a running cleaner on produce latency: one thread appends 16 KiB batches to an FSYNC log,
 * waiting for each to be durable (an acks=all produce, as the broker acknowledges it), for
 * {@code seconds}; first alone, then while another thread cleans three dirty compacted logs (48 MB of
 * 256-byte records over 100,000 keys each) of the same data directory (optionally throttled). Prints p50/p99/p99.9 of the append-to-durable latency and the
 * cleaner's MB/s.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.streambus.bench.storage.CleanerLatencyHarness
 * [seconds] [cleanerMBps, 0 = unthrottled]}
 */
public final class CleanerLatencyHarness {

    private static final int LOGS_TO_CLEAN = 3;

    private CleanerLatencyHarness() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        double throttleMbps = args.length > 1 ? Double.parseDouble(args[1]) : 0;
        Path dir = BenchBatches.tempDir();
        LogConfig produceConfig = LogConfig.DEFAULT.withDurability(DurabilityPolicy.FSYNC)
                .withSegmentBytes(64 * 1024 * 1024);
        try (LogManager manager = LogManager.open(dir, id -> produceConfig, Time.SYSTEM,
                new LogManagerConfig(1, 2, 60_000, 0))) {
            PartitionLog produced = manager.getOrCreate(new LogId("produce", 0), produceConfig);
            // Dirty compacted logs written beforehand, so the measured phase holds the cleaner's I/O only.
            SegmentedLog[] compacted = new SegmentedLog[LOGS_TO_CLEAN];
            for (int i = 0; i < compacted.length; i++) {
                compacted[i] = (SegmentedLog) manager.getOrCreate(new LogId("compacted", i), CompactedLogs.CONFIG);
                CompactedLogs.fill(compacted[i], 48L * 1024 * 1024, 100_000, Compression.NONE, i);
                compacted[i].flush(); // no writeback of the setup data during the baseline
            }

            Histogram alone = measure(produced, seconds);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong cleanedBytes = new AtomicLong();
            double rate = throttleMbps > 0 ? throttleMbps * 1024 * 1024 : Double.MAX_VALUE;
            Thread cleanerThread = Thread.ofPlatform().name("harness-cleaner").start(() -> {
                Cleaner cleaner = new Cleaner(64L * 1024 * 1024, new IoThrottler(rate, Time.SYSTEM), Time.SYSTEM,
                        () -> !running.get());
                try {
                    for (int i = 0; i < compacted.length && running.get(); i++) {
                        cleanedBytes.addAndGet(cleaner.clean(compacted[i]).bytesRead());
                    }
                } catch (Exception e) {
                    if (running.get()) {
                        e.printStackTrace();
                    }
                }
            });
            long start = System.nanoTime();
            Histogram withCleaner = measure(produced, seconds);
            running.set(false);
            cleanerThread.join();
            double elapsedS = (System.nanoTime() - start) / 1e9;
            print("alone", alone);
            print("with cleaner", withCleaner);
            System.out.printf("cleaner read %.1f MB/s while producing (completed passes)%n", cleanedBytes.get() / 1048576.0 / elapsedS);
        } finally {
            BenchBatches.deleteRecursively(dir);
        }
    }

    private static Histogram measure(PartitionLog log, int seconds) {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        ByteBuffer batch = BenchBatches.batch();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            AppendResult result = log.append(AppendRequest.fromClient(batch.duplicate(), 0));
            log.awaitDurable(result.lastOffset() + 1).join();
            histogram.recordValue(System.nanoTime() - t0);
        }
        return histogram;
    }

    private static void print(String label, Histogram h) {
        System.out.printf("%-13s appends %d  p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms%n", label, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6);
    }
}
