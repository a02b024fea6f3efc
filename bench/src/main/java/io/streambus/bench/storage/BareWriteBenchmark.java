package io.streambus.bench.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * Baseline for {@link LogAppendBenchmark}: the same 16 KiB batches written back to back with a bare
 * positional {@code FileChannel.write} loop, rolling to a new file every 256 MiB as the log would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class BareWriteBenchmark {

    private static final long FILE_BYTES = 256L * 1024 * 1024;

    private ByteBuffer batch;
    private Path dir;
    private FileChannel channel;
    private long position;
    private int files;

    @Setup(Level.Iteration)
    public void open() throws IOException {
        batch = BenchBatches.batch();
        dir = BenchBatches.tempDir();
        files = 0;
        nextFile();
    }

    private void nextFile() throws IOException {
        if (channel != null) {
            channel.close();
        }
        channel = FileChannel.open(dir.resolve(files++ + ".log"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, StandardOpenOption.READ);
        position = 0;
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        channel.close();
        channel = null;
        BenchBatches.deleteRecursively(dir);
    }

    @Benchmark
    public long write() throws IOException {
        if (position + batch.remaining() > FILE_BYTES) {
            nextFile();
        }
        ByteBuffer bytes = batch.duplicate();
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
        return position;
    }
}
