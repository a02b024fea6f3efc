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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Append throughput of one partition log: 16 KiB batches of 1 KiB records. Ops/s times 16 KiB is the
 * byte rate; compare NONE with {@link BareWriteBenchmark} (target: at least 70% of it). FSYNC waits
 * for each append to be durable, with 1 and 8 concurrent appenders (group commit).
 *
 * <p>Each iteration starts from an empty log in a fresh directory, deleted afterwards, so the disk
 * does not fill up. Set {@code -Dstreambus.bench.dir=...} to choose the disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class LogAppendBenchmark {

    private static final LogId ID = new LogId("bench", 0);

    @Param({"NONE", "FSYNC"})
    public DurabilityPolicy durability;

    private ByteBuffer batch;
    private Path dir;
    private LogManager manager;
    private PartitionLog log;

    @Setup(Level.Iteration)
    public void open() throws IOException {
        batch = BenchBatches.batch();
        dir = BenchBatches.tempDir();
        LogConfig config = LogConfig.DEFAULT.withDurability(durability).withSegmentBytes(256 * 1024 * 1024);
        manager = LogManager.open(dir, id -> config, Time.SYSTEM, new LogManagerConfig(1, 2, 60_000, 0));
        log = manager.getOrCreate(ID, config);
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        manager.close();
        BenchBatches.deleteRecursively(dir);
    }

    @Benchmark
    @Threads(1)
    public long append1() {
        return append();
    }

    @Benchmark
    @Threads(8)
    public long append8() {
        return append();
    }

    private long append() {
        // The log rewrites only baseOffset and leader epoch, outside the CRC: one buffer serves every call.
        AppendResult result = log.append(AppendRequest.fromClient(batch.duplicate(), 0));
        if (durability == DurabilityPolicy.FSYNC) {
            log.awaitDurable(result.lastOffset() + 1).join();
        }
        return result.lastOffset();
    }
}
