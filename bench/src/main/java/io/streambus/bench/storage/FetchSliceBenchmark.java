package io.streambus.bench.storage;

import io.streambus.storage.AppendRequest;
import io.streambus.storage.DurabilityPolicy;
import io.streambus.storage.LogConfig;
import io.streambus.storage.LogId;
import io.streambus.storage.LogManager;
import io.streambus.storage.LogManagerConfig;
import io.streambus.storage.LogSlice;
import io.streambus.storage.PartitionLog;
import io.streambus.storage.ReadRequest;
import io.streambus.storage.ReadResult;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a plaintext fetch costs the broker before sendfile: finding a 1 MiB slice of whole batches
 * ({@code PartitionLog.read}, which walks the batch headers up to the byte limit), without copying the
 * records. Batches of {@code recordsPerBatch} records of {@code recordBytes}: one 100 B record per batch is
 * what producers with {@code linger.ms=0} write; 16 KiB batches are the bulk case. Ops/s times 1 MiB is
 * the rate a fetch path could serve.
 *
 * <p>{@link #tail} is a consumer that keeps up: each fetch finds one batch at the log's end. Run it with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} (bytes per fetch) guards the read path against per-fetch
 * garbage, which drives collector cycles on a broker serving thousands of such fetches a second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class FetchSliceBenchmark {

    private static final int FETCH_BYTES = 1024 * 1024;
    private static final long LOG_BYTES = 64L * 1024 * 1024;

    @Param({"1", "16"})
    int recordsPerBatch;

    @Param({"100", "1024"})
    int recordBytes;

    private Path dir;
    private LogManager manager;
    private PartitionLog log;
    private long next;
    private long lastBatchOffset;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        dir = BenchBatches.tempDir();
        LogConfig config = LogConfig.DEFAULT.withDurability(DurabilityPolicy.NONE).withSegmentBytes(128 * 1024 * 1024);
        manager = LogManager.open(dir, id -> config, Time.SYSTEM, new LogManagerConfig(1, 1, 60_000, 0));
        log = manager.getOrCreate(new LogId("bench", 0), config);
        ByteBuffer batch = BenchBatches.batch(recordsPerBatch, recordBytes);
        while (log.sizeInBytes() < LOG_BYTES) {
            log.append(AppendRequest.fromClient(batch.duplicate(), 0));
        }
        lastBatchOffset = log.logEndOffset() - recordsPerBatch;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        manager.close();
        BenchBatches.deleteRecursively(dir);
    }

    @Benchmark
    public int slice() {
        ReadResult.Records records = (ReadResult.Records) log.read(new ReadRequest(next, FETCH_BYTES, Long.MAX_VALUE, true));
        LogSlice slice = records.slice();
        // Alternate between the first and the second batch: every call walks a full 1 MiB of headers.
        next = next == 0 ? recordsPerBatch : 0;
        return slice.sizeInBytes();
    }

    @Benchmark
    public int tail() {
        ReadResult.Records records =
                (ReadResult.Records) log.read(new ReadRequest(lastBatchOffset, FETCH_BYTES, Long.MAX_VALUE, true));
        return records.slice().sizeInBytes();
    }
}
