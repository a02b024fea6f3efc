package io.streambus.broker.handler.admin;

import io.streambus.broker.api.BrokerException;
import io.streambus.broker.purgatory.DelayedOperationTimer;
import io.streambus.broker.purgatory.TimerTask;
import io.streambus.storage.Time;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.protocol.Errors;

/**
 * Bounds the wait for a controller operation by the request's {@code timeoutMs}, as Kafka's admin APIs do.
 * On expiry the request fails with REQUEST_TIMED_OUT; the operation itself is not cancelled (it may already
 * be committing), which is also what Kafka tells clients: the change may still happen. Stateless and
 * thread-safe; the expiry runs on the purgatory timer thread.
 */
public final class ControllerDeadline {

    private final DelayedOperationTimer timer;
    private final Time time;

    public ControllerDeadline(DelayedOperationTimer timer, Time time) {
        this.timer = timer;
        this.time = time;
    }

    /**
     * The operation's result, or a failure with REQUEST_TIMED_OUT if it takes longer than {@code timeoutMs}.
     * A timeout of zero or less means no deadline: there is nothing useful to answer before the commit.
     */
    <T> CompletableFuture<T> within(CompletableFuture<T> operation, int timeoutMs, String what) {
        if (timeoutMs <= 0 || operation.isDone()) {
            return operation;
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        TimerTask expiry = new TimerTask(time.nanoseconds() + TimeUnit.MILLISECONDS.toNanos(timeoutMs)) {
            @Override
            protected void run() {
                result.completeExceptionally(new BrokerException(Errors.REQUEST_TIMED_OUT,
                        what + " did not complete within " + timeoutMs + " ms; it may still complete later."));
            }
        };
        timer.add(expiry);
        operation.whenComplete((value, failure) -> {
            expiry.cancel();
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        });
        return result;
    }
}
