package io.streambus.storage.cleaner;

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
import io.streambus.storage.testing.KeyedRecords;
import java.nio.file.Path;
import java.util.Random;

/**
 * The process {@link CleanerCrashTest} kills: one writer appends keyed records (values and tombstones) to an
 * FSYNC compacted log, each waiting until durable and committed, while the cleaner compacts continuously.
 * Prints {@code ok <offset> <key> <value|->} on stderr for every acknowledged write (stdout carries logs).
 */
public final class CleanerCrashProcess {

    static final LogId ID = new LogId("crash-compacted", 0);
    static final LogConfig CONFIG = LogConfig.DEFAULT.withDurability(DurabilityPolicy.FSYNC).withSegmentBytes(2048)
            .withIndexIntervalBytes(256)
            .withCleanup(CleanupConfig.compacted().withMinCleanableDirtyRatio(0.01));
    static final LogManagerConfig MANAGER = new LogManagerConfig(1, 1, 200, 0)
            .withCleaner(new CleanerConfig(true, 1, Double.MAX_VALUE, 4 * 1024 * 1024, 1));

    private CleanerCrashProcess() {
    }

    public static void main(String[] args) throws Exception {
        LogManager manager = LogManager.open(Path.of(args[0]), id -> CONFIG, Time.SYSTEM, MANAGER);
        PartitionLog log = manager.getOrCreate(ID, CONFIG);
        Random random = new Random(Long.parseLong(args[1]));
        for (int i = 0; ; i++) {
            String key = "k" + random.nextInt(40);
            String value = random.nextInt(8) == 0 ? null : "v" + args[1] + "-" + i;
            AppendResult result = log.append(AppendRequest.fromClient(
                    KeyedRecords.record(System.currentTimeMillis(), key, value), 0));
            log.awaitDurable(result.lastOffset() + 1).join();
            // Reported before it is committed: the cleaner only uses committed records to drop older ones, so
            // the test has seen every record that can supersede another (pipe contents outlive a SIGKILL).
            System.err.println("ok " + result.firstOffset() + " " + key + " " + (value == null ? "-" : value));
            log.updateHighWatermark(result.lastOffset() + 1);
        }
    }
}
