package io.streambus.broker.handler.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.broker.api.ErrorMapper;
import io.streambus.broker.purgatory.DelayedOperationTimer;
import io.streambus.storage.Time;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** The request deadline of controller operations, driven by a manual clock (the timer thread is not started). */
class ControllerDeadlineTest {

    private final AtomicLong nowNs = new AtomicLong(1_000_000_000L);
    private final Time time = new Time() {
        @Override
        public long milliseconds() {
            return TimeUnit.NANOSECONDS.toMillis(nowNs.get());
        }

        @Override
        public long nanoseconds() {
            return nowNs.get();
        }
    };
    private final DelayedOperationTimer timer = new DelayedOperationTimer("test-deadline", time);
    private final ControllerDeadline deadline = new ControllerDeadline(timer, time);

    @Test
    void failsWithRequestTimedOutOnceTheDeadlinePasses() {
        CompletableFuture<String> operation = new CompletableFuture<>();
        CompletableFuture<String> bounded = deadline.within(operation, 100, "Topic creation");

        advanceMs(99);
        assertThat(bounded).isNotDone();
        advanceMs(2);
        assertThat(bounded).isCompletedExceptionally();
        assertThat(ErrorMapper.toError(bounded.exceptionNow())).isEqualTo(Errors.REQUEST_TIMED_OUT);

        operation.complete("late");
        assertThat(bounded).isCompletedExceptionally();
    }

    @Test
    void passesResultsAndFailuresThroughAndCancelsTheTimer() {
        CompletableFuture<String> operation = new CompletableFuture<>();
        CompletableFuture<String> bounded = deadline.within(operation, 100, "Topic creation");
        operation.complete("done");
        assertThat(bounded).isCompletedWithValue("done");
        assertThat(timer.size()).isZero();

        CompletableFuture<String> failing = new CompletableFuture<>();
        CompletableFuture<String> boundedFailure = deadline.within(failing, 100, "Topic creation");
        failing.completeExceptionally(new IllegalStateException("boom"));
        assertThat(boundedFailure.exceptionNow()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noDeadlineForZeroOrNegativeTimeouts() {
        CompletableFuture<String> operation = new CompletableFuture<>();
        assertThat(deadline.within(operation, 0, "Topic creation")).isSameAs(operation);
        assertThat(deadline.within(operation, -1, "Topic creation")).isSameAs(operation);
    }

    private void advanceMs(long ms) {
        nowNs.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
        timer.advanceClock();
    }
}
