package io.streambus.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.storage.AppendResult;
import io.streambus.storage.DurabilityPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DurabilityTest extends LogTestSupport {

    @Test
    void groupCommitCoversConcurrentWaitersWithFewerFsyncsThanAppends() throws Exception {
        open(CONFIG.withDurability(DurabilityPolicy.FSYNC));
        int threads = 8;
        int appendsPerThread = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> durable = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> appenders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < appendsPerThread; i++) {
                    AppendResult result = append(log, 1);
                    durable.add(log.awaitDurable(result.lastOffset() + 1));
                }
            });
            appenders.add(thread);
        }
        start.countDown();
        for (Thread thread : appenders) {
            thread.join();
        }
        CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(log.recoveryPoint()).isEqualTo(threads * appendsPerThread);
        assertThat(log.fsyncCount()).isLessThan(threads * appendsPerThread).isPositive();
    }

    @Test
    void waiterAheadOfTheLogEndCompletesOnceAppendedAndFlushed() throws IOException {
        open(CONFIG.withDurability(DurabilityPolicy.FSYNC));
        CompletableFuture<Void> ahead = log.awaitDurable(3);
        append(log, 1);
        assertThat(log.awaitDurable(1)).succeedsWithin(Duration.ofSeconds(5));
        assertThat(ahead).isNotDone();
        append(log, 2);
        assertThat(ahead).succeedsWithin(Duration.ofSeconds(5));
        assertThat(log.recoveryPoint()).isEqualTo(3);
    }

    @Test
    void otherPoliciesCompleteAtOnce() throws IOException {
        open(CONFIG.withDurability(DurabilityPolicy.NONE));
        append(log, 1);
        assertThat(log.awaitDurable(1)).isDone();
        assertThat(log.recoveryPoint()).isZero();
        log.flush();
        assertThat(log.recoveryPoint()).isEqualTo(1);
    }

    @Test
    void intervalPolicyFlushesInTheBackground() throws IOException {
        open(CONFIG.withDurability(DurabilityPolicy.INTERVAL).withFlushIntervalMs(20));
        append(log, 4);
        assertThat(log.awaitDurable(4)).isDone();
        await().atMost(Duration.ofSeconds(5)).until(() -> log.recoveryPoint() == 4);
    }

    @Test
    void rolledSegmentIsFlushedOffTheAppendPath() throws IOException {
        int batchBytes = io.streambus.storage.testing.TestBatches.batch(2, 20, 1).remaining();
        open(CONFIG.withSegmentBytes(batchBytes));
        append(log, 2);
        append(log, 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> log.recoveryPoint() == 2);
    }
}
