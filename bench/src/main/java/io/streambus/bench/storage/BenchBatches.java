package io.streambus.bench.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;

/** The workload every storage benchmark shares: 16 KiB batches of 1 KiB records, built once. */
final class BenchBatches {

    static final int RECORD_BYTES = 1024;
    static final int RECORDS_PER_BATCH = 16;

    private BenchBatches() {
    }

    /** A direct buffer (as Netty hands them over) holding one uncompressed batch. */
    static ByteBuffer batch() {
        return batch(RECORDS_PER_BATCH, RECORD_BYTES);
    }

    /** A direct buffer holding one uncompressed batch of {@code recordCount} records of {@code recordBytes}. */
    static ByteBuffer batch(int recordCount, int recordBytes) {
        Random random = new Random(42);
        SimpleRecord[] records = new SimpleRecord[recordCount];
        for (int i = 0; i < records.length; i++) {
            byte[] value = new byte[recordBytes];
            random.nextBytes(value);
            records[i] = new SimpleRecord(1_700_000_000_000L + i, null, value);
        }
        ByteBuffer heap = MemoryRecords.withRecords(Compression.NONE, records).buffer();
        ByteBuffer direct = ByteBuffer.allocateDirect(heap.remaining());
        direct.put(heap).flip();
        return direct;
    }

    static Path tempDir() throws IOException {
        String base = System.getProperty("streambus.bench.dir");
        return base == null ? Files.createTempDirectory("streambus-bench")
                : Files.createTempDirectory(Path.of(base), "streambus-bench");
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
