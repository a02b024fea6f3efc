package io.streambus.bench.storage;

import io.streambus.storage.LogId;
import io.streambus.storage.LogManager;
import io.streambus.storage.LogManagerConfig;
import io.streambus.storage.Time;
import io.streambus.storage.cleaner.Cleaner;
import io.streambus.storage.cleaner.CleanerConfig;
import io.streambus.storage.cleaner.IoThrottler;
import io.streambus.storage.log.SegmentedLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.compress.Compression;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compaction throughput: one full cleaning pass (offset map, filter, rewrite, swap) over a freshly written
 * log of {@link #inputMb} MB of 256-byte keyed records over 10,000 keys, without I/O throttle. Input MB
 * divided by the reported seconds per pass is the cleaning rate in MB/s. Each pass gets a new log (written
 * in the untimed setup) in a fresh directory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class CompactionBenchmark {

    private static final LogId ID = new LogId("compaction-bench", 0);

    @Param({"64"})
    public int inputMb;

    @Param({"NONE", "LZ4"})
    public String compression;

    private Path dir;
    private LogManager manager;
    private SegmentedLog log;
    private Cleaner cleaner;

    @Setup(Level.Invocation)
    public void open() throws IOException {
        dir = BenchBatches.tempDir();
        LogManagerConfig config = new LogManagerConfig(1, 1, 60_000, 0)
                .withCleaner(new CleanerConfig(false, 1, Double.MAX_VALUE, 64L * 1024 * 1024, 15_000));
        manager = LogManager.open(dir, id -> CompactedLogs.CONFIG, Time.SYSTEM, config);
        log = (SegmentedLog) manager.getOrCreate(ID, CompactedLogs.CONFIG);
        Compression codec = compression.equals("LZ4") ? Compression.lz4().build() : Compression.NONE;
        CompactedLogs.fill(log, inputMb * 1024L * 1024, 10_000, codec, 42);
        cleaner = new Cleaner(64L * 1024 * 1024, new IoThrottler(Double.MAX_VALUE, Time.SYSTEM), Time.SYSTEM,
                () -> false);
    }

    @TearDown(Level.Invocation)
    public void close() throws IOException {
        manager.close();
        BenchBatches.deleteRecursively(dir);
    }

    @Benchmark
    public long cleanOnePass() throws IOException {
        return cleaner.clean(log).bytesReclaimed();
    }
}
