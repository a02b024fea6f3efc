package io.streambus.storage;

import io.streambus.storage.testing.TestBatches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The process {@link CrashTest} kills: appends to one FSYNC log from a few threads, each waiting for
 * its append to be durable before the next (as an acks=all producer would), and prints
 * {@code durable <firstOffset> <lastOffset>} for every append whose awaitDurable completed.
 */
public final class CrashAppender {

    static final LogId ID = new LogId("crash", 0);
    static final LogConfig CONFIG = LogConfig.DEFAULT.withDurability(DurabilityPolicy.FSYNC).withSegmentBytes(32 * 1024);

    private CrashAppender() {
    }

    public static void main(String[] args) throws Exception {
        LogManager manager = LogManager.open(Path.of(args[0]), id -> CONFIG, Time.SYSTEM);
        PartitionLog log = manager.getOrCreate(ID, CONFIG);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; ; i++) {
                    AppendResult result = log.append(AppendRequest.fromClient(
                            TestBatches.batch(1 + (i + thread) % 7, 200, i), 0));
                    log.awaitDurable(result.lastOffset() + 1).join();
                    synchronized (System.out) {
                        System.out.println("durable " + result.firstOffset() + " " + result.lastOffset());
                        System.out.flush();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
