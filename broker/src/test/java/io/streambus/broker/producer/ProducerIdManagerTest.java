package io.streambus.broker.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.metadata.controller.ProducerIdsBlock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Block hand-out, prefetch and failure of the producer id manager, with allocations completed by the test. */
class ProducerIdManagerTest {

    private final List<CompletableFuture<ProducerIdsBlock>> requested = new ArrayList<>();
    private final ProducerIdManager manager = new ProducerIdManager(() -> {
        CompletableFuture<ProducerIdsBlock> future = new CompletableFuture<>();
        requested.add(future);
        return future;
    });
    private long nextFirst;

    private void grantBlock(int index) {
        requested.get(index).complete(new ProducerIdsBlock(1, nextFirst, 10));
        nextFirst += 10;
    }

    @Test
    void firstRequestWaitsForTheFirstBlock() {
        CompletableFuture<Long> first = manager.nextProducerId();
        CompletableFuture<Long> second = manager.nextProducerId();
        assertThat(requested).hasSize(1);
        assertThat(first).isNotDone();
        grantBlock(0);
        assertThat(first).isCompletedWithValue(0L);
        assertThat(second).isCompletedWithValue(1L);
    }

    @Test
    void nextBlockIsFetchedAheadOfNeed() {
        manager.nextProducerId();
        grantBlock(0);
        Set<Long> ids = new HashSet<>();
        ids.add(0L);
        for (int i = 1; i < 9; i++) {
            ids.add(manager.nextProducerId().join());
        }
        assertThat(requested).as("prefetch starts once 90%% of the block is used").hasSize(2);
        grantBlock(1);
        for (int i = 9; i < 25; i++) {
            CompletableFuture<Long> id = manager.nextProducerId();
            if (requested.size() > 2 && !requested.getLast().isDone()) {
                grantBlock(requested.size() - 1);
            }
            ids.add(id.join());
        }
        assertThat(ids).hasSize(25).allMatch(id -> id >= 0 && id < 30);
        assertThat(requested).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void failedAllocationFailsTheWaitersAndTheNextRequestRetries() {
        CompletableFuture<Long> first = manager.nextProducerId();
        requested.getFirst().completeExceptionally(new IllegalStateException("controller down"));
        assertThat(first).isCompletedExceptionally();
        CompletableFuture<Long> retry = manager.nextProducerId();
        assertThat(requested).hasSize(2);
        grantBlock(1);
        assertThat(retry).isCompletedWithValue(0L);
    }
}
