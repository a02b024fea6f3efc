package io.streambus.bench.storage;

import io.streambus.storage.AppendRequest;
import io.streambus.storage.DurabilityPolicy;
import io.streambus.storage.LogConfig;
import io.streambus.storage.LogId;
import io.streambus.storage.LogManager;
import io.streambus.storage.LogManagerConfig;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sequential read throughput (page cache): a consumer reading 1 MiB fetches from the start of a
 * 256 MiB log to its end and over again, copying each slice into a direct buffer (the TLS path;
 * plaintext would sendfile). Ops/s times 1 MiB is the byte rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class LogReadBenchmark {

    private static final int FETCH_BYTES = 1024 * 1024;
    private static final long LOG_BYTES = 256L * 1024 * 1024;

    private Path dir;
    private LogManager manager;
    private PartitionLog log;
    private ByteBuffer destination;
    private long next;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        dir = BenchBatches.tempDir();
        LogConfig config = LogConfig.DEFAULT.withDurability(DurabilityPolicy.NONE).withSegmentBytes(64 * 1024 * 1024);
        manager = LogManager.open(dir, id -> config, Time.SYSTEM, new LogManagerConfig(1, 1, 60_000, 0));
        log = manager.getOrCreate(new LogId("bench", 0), config);
        ByteBuffer batch = BenchBatches.batch();
        while (log.sizeInBytes() < LOG_BYTES) {
            log.append(AppendRequest.fromClient(batch.duplicate(), 0));
        }
        destination = ByteBuffer.allocateDirect(FETCH_BYTES + batch.remaining());
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        manager.close();
        BenchBatches.deleteRecursively(dir);
    }

    @Benchmark
    public int fetch() throws IOException {
        if (next >= log.logEndOffset()) {
            next = 0;
        }
        ReadResult.Records records = (ReadResult.Records) log.read(
                new ReadRequest(next, FETCH_BYTES, Long.MAX_VALUE, true));
        destination.clear();
        records.slice().readInto(destination);
        next = records.slice().firstOffset() + countOffsets(destination.flip());
        return destination.limit();
    }

    /** Offsets covered by the batches in the buffer: last batch's base + lastOffsetDelta + 1 - first base. */
    private static long countOffsets(ByteBuffer batches) {
        int position = 0;
        long first = batches.getLong(0);
        long last = first;
        while (position < batches.limit()) {
            last = batches.getLong(position) + batches.getInt(position + 23);
            position += 12 + batches.getInt(position + 8);
        }
        return last + 1 - first;
    }
}
