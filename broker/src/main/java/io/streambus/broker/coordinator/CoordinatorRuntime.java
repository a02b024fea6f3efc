package io.streambus.broker.coordinator;

import io.streambus.broker.api.BrokerException;
import io.streambus.broker.partition.Partition;
import io.streambus.broker.partition.ReplicaManager;
import io.streambus.broker.purgatory.DelayedOperationTimer;
import io.streambus.broker.purgatory.TimerTask;
import io.streambus.storage.AppendResult;
import io.streambus.storage.ReadRequest;
import io.streambus.storage.ReadResult;
import io.streambus.storage.Time;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime of one coordinator shard on one internal-topic partition (decision 7): a single thread that
 * owns the shard's state, writes of its records through the partition's writer thread, replay of each
 * write once appended, answers once the high watermark passes it, loading by replaying the partition from
 * its start, and timers that run on the shard thread. The shard supplies the state and its replay; this
 * class only sequences. Both the group and the transaction coordinator's shards run on it.
 *
 * <p>Threading: {@link #submit}, {@link #execute}, {@link #schedule} and {@link #onHighWatermarkAdvanced}
 * are thread-safe; everything else runs on {@link #executor}, the shard thread.
 */
public final class CoordinatorRuntime {

    private static final Logger log = LoggerFactory.getLogger(CoordinatorRuntime.class);
    private static final int LOAD_READ_BYTES = 1024 * 1024;

    public enum Status { LOADING, ACTIVE, CLOSED }

    private record PendingWrite(long endOffset, CompletableFuture<Void> future) {
    }

    private final Partition partition;
    private final ReplicaManager replicas;
    private final Executor executor;
    private final DelayedOperationTimer timer;
    private final Time time;
    private final String logPrefix;
    private final ArrayDeque<PendingWrite> awaitingHighWatermark = new ArrayDeque<>();
    private volatile Status status = Status.LOADING;

    public CoordinatorRuntime(Partition partition, ReplicaManager replicas, Executor executor,
                              DelayedOperationTimer timer, Time time, String logPrefix) {
        this.partition = partition;
        this.replicas = replicas;
        this.executor = executor;
        this.timer = timer;
        this.time = time;
        this.logPrefix = logPrefix;
    }

    public Status status() {
        return status;
    }

    public Partition partition() {
        return partition;
    }

    public String logPrefix() {
        return logPrefix;
    }

    /**
     * Runs {@code operation} on the shard thread once active; fails with COORDINATOR_LOAD_IN_PROGRESS
     * while loading and NOT_COORDINATOR once closed.
     */
    public <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    switch (status) {
                        case LOADING -> throw new BrokerException(Errors.COORDINATOR_LOAD_IN_PROGRESS,
                                "the coordinator is loading");
                        case CLOSED -> throw new BrokerException(Errors.NOT_COORDINATOR,
                                "this broker no longer coordinates this partition");
                        case ACTIVE -> operation.get().whenComplete((value, failure) -> {
                            if (failure != null) {
                                result.completeExceptionally(failure);
                            } else {
                                result.complete(value);
                            }
                        });
                    }
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new BrokerException(Errors.NOT_COORDINATOR, "coordinator shut down"));
        }
        return result;
    }

    /** Runs {@code action} on the shard thread after {@code delayMs} while active, unless cancelled first. */
    public TimerTask schedule(long delayMs, Runnable action) {
        TimerTask task = new TimerTask(time.nanoseconds() + TimeUnit.MILLISECONDS.toNanos(delayMs)) {
            @Override
            protected void run() {
                execute(() -> {
                    if (status == Status.ACTIVE) {
                        action.run();
                    }
                });
            }
        };
        timer.add(task);
        return task;
    }

    /** Runs {@code action} on the shard thread; errors are logged, never lost. */
    public void execute(Runnable action) {
        try {
            executor.execute(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    log.error("{}unexpected error in a coordinator task", logPrefix, e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("{}dropping a task after shutdown", logPrefix);
        }
    }

    /**
     * Appends {@code records} (built by the shard), runs {@code onAppended} on the shard thread once they
     * are in the log (the shard replays them there), and completes on the shard thread when the high
     * watermark passes them. A failed append fails with {@code failureMapper}'s exception and replays
     * nothing. Call on the shard thread.
     */
    public CompletableFuture<Void> write(ByteBuffer records, Runnable onAppended,
                                         Function<Throwable, RuntimeException> failureMapper) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        replicas.appendAsCoordinator(partition, records).whenComplete((result, failure) -> execute(() -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                log.warn("{}failed to append: {}", logPrefix, cause.toString());
                durable.completeExceptionally(failureMapper.apply(cause));
                return;
            }
            onAppended.run();
            awaitHighWatermark(result, durable);
        }));
        return durable;
    }

    /** Completes {@code durable} on the shard thread once the high watermark passes {@code appended}. */
    public void awaitHighWatermark(AppendResult appended, CompletableFuture<Void> durable) {
        awaitingHighWatermark.add(new PendingWrite(appended.lastOffset() + 1, durable));
        completeDurableWrites();
    }

    /** The partition's high watermark moved (any thread). */
    public void onHighWatermarkAdvanced() {
        execute(this::completeDurableWrites);
    }

    private void completeDurableWrites() {
        long highWatermark = partition.highWatermark();
        while (!awaitingHighWatermark.isEmpty() && awaitingHighWatermark.peek().endOffset() <= highWatermark) {
            awaitingHighWatermark.poll().future().complete(null);
        }
    }

    /**
     * Loads the shard: replays every batch of the partition below the high watermark through
     * {@code replay}, then runs {@code onLoaded} and starts serving. Runs on the shard thread.
     */
    public void load(Consumer<RecordBatch> replay, Runnable onLoaded) {
        execute(() -> {
            long startNs = time.nanoseconds();
            try {
                int batches = replayLog(replay);
                onLoaded.run();
                status = Status.ACTIVE;
                log.info("{}loaded {} batches in {} ms", logPrefix, batches,
                        TimeUnit.NANOSECONDS.toMillis(time.nanoseconds() - startNs));
            } catch (IOException | RuntimeException e) {
                log.error("{}loading failed; this partition's coordinator stays unavailable", logPrefix, e);
            }
        });
    }

    private int replayLog(Consumer<RecordBatch> replay) throws IOException {
        long offset = partition.log().logStartOffset();
        long end = partition.highWatermark();
        int count = 0;
        while (offset < end) {
            ReadResult result = partition.log().read(new ReadRequest(offset, LOAD_READ_BYTES, end, true));
            if (!(result instanceof ReadResult.Records read) || read.isEmpty()) {
                break;
            }
            ByteBuffer buffer = ByteBuffer.allocate(read.slice().sizeInBytes());
            read.slice().readInto(buffer);
            buffer.flip();
            long next = offset;
            for (RecordBatch batch : MemoryRecords.readableRecords(buffer).batches()) {
                if (batch.lastOffset() >= offset) {
                    replay.accept(batch);
                    count++;
                }
                next = batch.nextOffset();
            }
            if (next <= offset) {
                break;
            }
            offset = next;
        }
        return count;
    }

    /** Stops serving: pending writes fail with NOT_COORDINATOR, then {@code onClosed} runs on the shard thread. */
    public void close(Runnable onClosed) {
        execute(() -> {
            status = Status.CLOSED;
            BrokerException notCoordinator = new BrokerException(Errors.NOT_COORDINATOR, "coordinator closed");
            awaitingHighWatermark.forEach(write -> write.future().completeExceptionally(notCoordinator));
            awaitingHighWatermark.clear();
            onClosed.run();
        });
    }
}
