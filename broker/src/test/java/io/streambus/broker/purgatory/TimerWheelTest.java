package io.streambus.broker.purgatory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TimerWheelTest {

    private static final long TICK_NS = 1_000_000;

    private static final class Task extends TimerTask {
        Task(long deadlineNs) {
            super(deadlineNs);
        }

        @Override
        protected void run() {
        }
    }

    @Test
    void expiresAtOrAfterDeadlineNeverBefore() {
        TimerWheel wheel = new TimerWheel(TICK_NS, 8, 0);
        Task task = new Task(5_500_000);
        assertThat(wheel.add(task)).isTrue();

        assertThat(wheel.advanceTo(5_400_000)).isEmpty();
        assertThat(wheel.advanceTo(5_999_999)).isEmpty();
        assertThat(wheel.advanceTo(6_000_000)).containsExactly(task);
        assertThat(wheel.size()).isZero();
    }

    @Test
    void tasksBeyondOneRevolutionWaitForTheirRound() {
        TimerWheel wheel = new TimerWheel(TICK_NS, 4, 0);
        Task soon = new Task(2 * TICK_NS);
        Task later = new Task(10 * TICK_NS); // same bucket as tick 2, two revolutions on
        wheel.add(soon);
        wheel.add(later);

        assertThat(wheel.advanceTo(2 * TICK_NS)).containsExactly(soon);
        assertThat(wheel.advanceTo(6 * TICK_NS)).isEmpty();
        assertThat(wheel.advanceTo(10 * TICK_NS)).containsExactly(later);
    }

    @Test
    void bigClockJumpExpiresEverythingDue() {
        TimerWheel wheel = new TimerWheel(TICK_NS, 4, 0);
        List<Task> tasks = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            Task task = new Task(i * TICK_NS);
            tasks.add(task);
            wheel.add(task);
        }
        assertThat(wheel.advanceTo(100 * TICK_NS)).containsExactlyInAnyOrderElementsOf(tasks);
    }

    @Test
    void cancelledTaskNeverExpiresAndPastDeadlineIsRefused() {
        TimerWheel wheel = new TimerWheel(TICK_NS, 8, 0);
        Task task = new Task(3 * TICK_NS);
        wheel.add(task);
        task.cancel();
        assertThat(wheel.size()).isZero();
        assertThat(wheel.advanceTo(10 * TICK_NS)).isEmpty();
        assertThat(wheel.add(new Task(9 * TICK_NS))).isFalse();
    }

    @Test
    void randomScheduleMatchesASortedModel() {
        Random random = new Random(42);
        TimerWheel wheel = new TimerWheel(TICK_NS, 16, 0);
        List<Task> pending = new ArrayList<>();
        long now = 0;
        for (int step = 0; step < 2_000; step++) {
            if (random.nextBoolean()) {
                Task task = new Task(now + 1 + random.nextLong(100 * TICK_NS));
                assertThat(wheel.add(task)).isTrue();
                pending.add(task);
            } else {
                now += random.nextLong(10 * TICK_NS);
                long tickTime = now / TICK_NS * TICK_NS;
                List<TimerTask> expired = wheel.advanceTo(now);
                List<Task> due = pending.stream()
                        .filter(t -> (t.deadlineNs() + TICK_NS - 1) / TICK_NS * TICK_NS <= tickTime).toList();
                assertThat(expired).as("step %d", step).containsExactlyInAnyOrderElementsOf(due);
                pending.removeAll(due);
                long nowNs = now;
                assertThat(expired).allMatch(t -> t.deadlineNs() <= nowNs);
            }
            assertThat(wheel.size()).isEqualTo(pending.size());
        }
    }
}
