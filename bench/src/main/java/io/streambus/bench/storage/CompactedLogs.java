package io.streambus.bench.storage;

import io.streambus.storage.AppendRequest;
import io.streambus.storage.CleanupConfig;
import io.streambus.storage.DurabilityPolicy;
import io.streambus.storage.LogConfig;
import io.streambus.storage.PartitionLog;
import io.streambus.storage.log.SegmentedLog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;

/** The compaction workload: batches of keyed 256-byte records over a key space, every key updated many times. */
final class CompactedLogs {

    static final int VALUE_BYTES = 256;
    static final int RECORDS_PER_BATCH = 32;
    static final LogConfig CONFIG = LogConfig.DEFAULT.withDurability(DurabilityPolicy.NONE)
            .withSegmentBytes(16 * 1024 * 1024).withCleanup(CleanupConfig.compacted());

    private CompactedLogs() {
    }

    /** Appends about {@code bytes} of keyed records over {@code keys} keys, seals them and commits them. */
    static void fill(PartitionLog log, long bytes, int keys, Compression compression, long seed) {
        Random random = new Random(seed);
        byte[] value = new byte[VALUE_BYTES];
        while (log.sizeInBytes() < bytes) {
            SimpleRecord[] records = new SimpleRecord[RECORDS_PER_BATCH];
            for (int i = 0; i < records.length; i++) {
                random.nextBytes(value);
                byte[] key = ("key-" + random.nextInt(keys)).getBytes(StandardCharsets.UTF_8);
                records[i] = new SimpleRecord(1_700_000_000_000L, key, value.clone());
            }
            ByteBuffer batch = MemoryRecords.withRecords(compression, records).buffer();
            log.append(AppendRequest.fromClient(batch, 0));
        }
        ((SegmentedLog) log).roll();
        log.updateHighWatermark(log.logEndOffset());
    }
}
