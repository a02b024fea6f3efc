package io.streambus.broker.producer;

import io.streambus.metadata.controller.ProducerIdsBlock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out producer ids from blocks the controller allocates ({@link ProducerIdsBlock#BLOCK_SIZE} at a
 * time, persisted in the metadata log before use, so an id is never given twice, even across restarts).
 * The next block is requested when the current one is {@value #PREFETCH_PERCENT}% used, so a request
 * normally finds an id at once; one that finds none waits for the block without blocking its thread.
 *
 * <p>Threading: thread-safe; the monitor guards the blocks and the waiters. Futures are completed outside
 * it, on the caller's thread or the thread that completes the controller's future.
 */
public final class ProducerIdManager {

    private static final Logger log = LoggerFactory.getLogger(ProducerIdManager.class);
    static final int PREFETCH_PERCENT = 90;

    private final Supplier<CompletableFuture<ProducerIdsBlock>> allocator;
    private final Deque<CompletableFuture<Long>> waiters = new ArrayDeque<>();
    private ProducerIdsBlock current;
    private long nextId;
    private ProducerIdsBlock prefetched;
    private boolean fetching;

    /** @param allocator asks the controller for a new block; completes exceptionally on failure */
    public ProducerIdManager(Supplier<CompletableFuture<ProducerIdsBlock>> allocator) {
        this.allocator = allocator;
    }

    /** The next unused producer id. */
    public CompletableFuture<Long> nextProducerId() {
        boolean fetch;
        CompletableFuture<Long> result;
        synchronized (this) {
            long id = takeId();
            if (id >= 0) {
                result = CompletableFuture.completedFuture(id);
            } else {
                result = new CompletableFuture<>();
                waiters.add(result);
            }
            fetch = shouldFetch();
        }
        if (fetch) {
            fetchBlock();
        }
        return result;
    }

    /** An id from the current or prefetched block, or -1 if both are used up. Under the monitor. */
    private long takeId() {
        if (current == null || nextId > current.lastProducerId()) {
            if (prefetched == null) {
                return -1;
            }
            current = prefetched;
            prefetched = null;
            nextId = current.firstProducerId();
        }
        return nextId++;
    }

    /** True (and marks a fetch in flight) when a block is needed and none is being fetched. Under the monitor. */
    private boolean shouldFetch() {
        if (fetching || prefetched != null) {
            return false;
        }
        boolean needed = current == null || !waiters.isEmpty()
                || (nextId - current.firstProducerId()) * 100 >= (long) current.size() * PREFETCH_PERCENT;
        fetching = needed;
        return needed;
    }

    private void fetchBlock() {
        allocator.get().whenComplete((block, failure) -> {
            List<CompletableFuture<Long>> served = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            List<CompletableFuture<Long>> failed = new ArrayList<>();
            boolean again;
            synchronized (this) {
                fetching = false;
                if (failure != null) {
                    failed.addAll(waiters);
                    waiters.clear();
                } else {
                    prefetched = block;
                    while (!waiters.isEmpty()) {
                        long id = takeId();
                        if (id < 0) {
                            break;
                        }
                        served.add(waiters.poll());
                        ids.add(id);
                    }
                }
                again = failure == null && shouldFetch();
            }
            if (failure != null) {
                log.warn("[ProducerIdManager] producer id block allocation failed: {}", failure.toString());
                failed.forEach(waiter -> waiter.completeExceptionally(failure));
            }
            for (int i = 0; i < served.size(); i++) {
                served.get(i).complete(ids.get(i));
            }
            if (again) {
                fetchBlock();
            }
        });
    }
}
