package io.streambus.broker.partition;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that write to partition logs. Each partition is pinned to one thread by its hash, so a
 * partition has a single writer and its appends never contend for the log's lock; appends to different
 * partitions run in parallel on different threads. Event loops hand work here and get a future back.
 *
 * <p>Threading: {@link #submit} is thread-safe. Each task runs on its partition's thread, in submission
 * order for that partition.
 */
public final class PartitionWriters implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartitionWriters.class);

    private final ExecutorService[] threads;

    public PartitionWriters(int threadCount) {
        if (threadCount < 1) {
            throw new IllegalArgumentException("threadCount must be at least 1, was " + threadCount);
        }
        threads = new ExecutorService[threadCount];
        for (int i = 0; i < threadCount; i++) {
            threads[i] = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("append-" + i).factory());
        }
    }

    /** Runs {@code task} on the thread that owns {@code topicPartition}; the future completes there. */
    public <T> CompletableFuture<T> submit(TopicPartition topicPartition, Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, threads[Math.floorMod(topicPartition.hashCode(), threads.length)]);
    }

    public int threadCount() {
        return threads.length;
    }

    @Override
    public void close() {
        for (ExecutorService thread : threads) {
            thread.shutdown();
        }
        try {
            for (ExecutorService thread : threads) {
                if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("[PartitionWriters] an append thread did not stop within 10 s");
                    thread.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
