package io.streambus.broker.purgatory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.streambus.storage.Time;
import io.streambus.storage.testing.ManualTime;

class PurgatoryTest {

    private final ManualTime time = new ManualTime();
    private final DelayedOperationTimer timer = new DelayedOperationTimer("test", time);
    private final Purgatory<String> purgatory = new Purgatory<>("fetch", timer);

    @AfterEach
    void close() {
        timer.close();
    }

    /** Completes once {@code available} reaches {@code minBytes}, like a Fetch long-poll. */
    private static final class WaitForBytes extends DelayedOperation {
        final AtomicLong available;
        final long minBytes;
        final AtomicInteger completions = new AtomicInteger();
        final AtomicInteger expirations = new AtomicInteger();

        WaitForBytes(long deadlineNs, AtomicLong available, long minBytes) {
            super(deadlineNs);
            this.available = available;
            this.minBytes = minBytes;
        }

        @Override
        protected boolean tryComplete() {
            return available.get() >= minBytes && forceComplete();
        }

        @Override
        protected void onComplete() {
            completions.incrementAndGet();
        }

        @Override
        protected void onExpiration() {
            expirations.incrementAndGet();
        }
    }

    private WaitForBytes op(AtomicLong available, long minBytes, long timeoutMs) {
        return new WaitForBytes(DelayedOperation.deadline(time.nanoseconds(), timeoutMs), available, minBytes);
    }

    @Test
    void completesAtOnceWhenAlreadySatisfied() {
        WaitForBytes op = op(new AtomicLong(10), 5, 100);
        assertThat(purgatory.tryCompleteElseWatch(op, List.of("p0"))).isTrue();
        assertThat(op.completions.get()).isEqualTo(1);
        assertThat(purgatory.watched("p0")).isZero();
        assertThat(purgatory.delayed()).isZero();
    }

    @Test
    void completedByAnEventOnItsKey() {
        AtomicLong bytes = new AtomicLong();
        WaitForBytes op = op(bytes, 5, 100);
        assertThat(purgatory.tryCompleteElseWatch(op, List.of("p0", "p1"))).isFalse();
        assertThat(purgatory.delayed()).isEqualTo(1);

        assertThat(purgatory.checkAndComplete("p1")).isZero(); // event, condition still false
        bytes.set(7);
        assertThat(purgatory.checkAndComplete("other")).isZero();
        assertThat(purgatory.checkAndComplete("p1")).isEqualTo(1);

        assertThat(op.completions.get()).isEqualTo(1);
        assertThat(op.expirations.get()).isZero();
        assertThat(purgatory.delayed()).as("completion cancels the timer").isZero();
        assertThat(purgatory.checkAndComplete("p0")).isZero();
        assertThat(purgatory.watched("p0")).isZero();
    }

    @Test
    void expiresAtTheDeadlineExactlyOnce() {
        WaitForBytes op = op(new AtomicLong(), 5, 100);
        purgatory.tryCompleteElseWatch(op, List.of("p0"));

        time.advanceMs(99);
        assertThat(timer.advanceClock()).isZero();
        assertThat(op.isCompleted()).isFalse();
        time.advanceMs(2);
        assertThat(timer.advanceClock()).isEqualTo(1);

        assertThat(op.completions.get()).isEqualTo(1);
        assertThat(op.expirations.get()).isEqualTo(1);
        op.available.set(100);
        assertThat(purgatory.checkAndComplete("p0")).isZero();
        assertThat(op.completions.get()).isEqualTo(1);
    }

    @Test
    void racingEventsCompleteExactlyOnce() throws InterruptedException {
        AtomicLong bytes = new AtomicLong();
        List<WaitForBytes> ops = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            WaitForBytes op = op(bytes, 1, 60_000);
            ops.add(op);
            purgatory.tryCompleteElseWatch(op, List.of("p" + (i % 4), "all"));
        }
        bytes.set(1);
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            String key = t % 2 == 0 ? "all" : "p" + t;
            Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    purgatory.checkAndComplete(key);
                    purgatory.checkAndComplete("p" + 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        start.countDown();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(ops).allMatch(op -> op.completions.get() == 1 && op.expirations.get() == 0);
        assertThat(purgatory.delayed()).isZero();
        purgatory.purgeCompleted();
        assertThat(purgatory.watched("p1")).isZero();
    }

    @Test
    void timerThreadExpiresWithRealTime() {
        try (DelayedOperationTimer realTimer = new DelayedOperationTimer("real", Time.SYSTEM)) {
            realTimer.start();
            Purgatory<String> real = new Purgatory<>("real", realTimer);
            WaitForBytes op = new WaitForBytes(DelayedOperation.deadline(Time.SYSTEM.nanoseconds(), 20),
                    new AtomicLong(), 1);
            real.tryCompleteElseWatch(op, List.of("p0"));
            await().atMost(Duration.ofSeconds(5)).until(() -> op.expirations.get() == 1);
            assertThat(op.completions.get()).isEqualTo(1);
        }
    }
}
