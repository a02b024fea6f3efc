package io.streambus.bench.compare.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.bench.compare.WorkloadException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PartitionOwnershipTest {

    private final AtomicLong clockNs = new AtomicLong(1_000_000_000L);
    private PartitionOwnership ownership;

    /** Members 0 and 1 own partitions 0-1 and 2-3, and the group has settled. */
    @BeforeEach
    void stableGroup() throws InterruptedException {
        ownership = new PartitionOwnership(4, clockNs::get);
        ownership.register(0);
        ownership.register(1);
        ownership.assigned(0, partitions(0, 1));
        ownership.assigned(1, partitions(2, 3));
        clockNs.addAndGet(ms(10));
        ownership.awaitSettled(5, 1_000);
    }

    @Test
    void joinIsOverWhenTheNewcomerOwnsPartitionsAndAllFlowAgain() throws InterruptedException {
        long eventNs = clockNs.get();
        ownership.startJoin(2);
        // Everyone delivers post-event records before any rebalance: the newcomer has nothing yet.
        deliverAll(0, 1, eventNs + 1);
        deliverAll(1, 3, eventNs + 1);
        assertThatThrownBy(() -> ownership.awaitEventOver(0)).isInstanceOf(WorkloadException.class)
                .hasMessageContaining("1 without partitions");

        ownership.revoked(1, partitions(3));
        clockNs.addAndGet(ms(40));
        ownership.assigned(2, partitions(3));
        clockNs.addAndGet(ms(5));
        ownership.delivered(2, 3, eventNs + 2);

        assertThat(ownership.awaitEventOver(1_000)).isEqualTo(ms(45));
    }

    @Test
    void aPartitionThatChangedHandsMustFlowAgainFromItsNewOwner() throws InterruptedException {
        long eventNs = clockNs.get();
        ownership.startJoin(2);
        deliverAll(0, 1, eventNs + 1);
        deliverAll(1, 3, eventNs + 1);
        // Partition 3 moves after its old owner delivered a post-event record: that delivery no longer counts.
        ownership.revoked(1, partitions(3));
        ownership.assigned(2, partitions(3));
        assertThatThrownBy(() -> ownership.awaitEventOver(0)).hasMessageContaining("1 without a record");

        ownership.delivered(2, 3, eventNs + 5);
        assertThat(ownership.awaitEventOver(0)).isZero();
    }

    @Test
    void recordsProducedBeforeTheEventDoNotCount() {
        long eventNs = clockNs.get();
        ownership.startDeparture(1);
        ownership.assigned(0, partitions(2, 3));
        deliverAll(0, 3, eventNs - 1);
        assertThatThrownBy(() -> ownership.awaitEventOver(0)).hasMessageContaining("4 without a record");
    }

    @Test
    void aDepartingMemberStopsCountingAtTheEvent() throws InterruptedException {
        long eventNs = clockNs.get();
        ownership.startDeparture(1);
        // Its callbacks and deliveries during close() are ignored.
        ownership.delivered(1, 2, eventNs + 1);
        ownership.assigned(1, partitions(2, 3));
        deliverAll(0, 1, eventNs + 1);
        assertThatThrownBy(() -> ownership.awaitEventOver(0)).hasMessageContaining("2 partitions unowned");

        clockNs.addAndGet(ms(3));
        ownership.assigned(0, partitions(2, 3));
        ownership.delivered(0, 2, eventNs + 1);
        ownership.delivered(0, 3, eventNs + 1);
        assertThat(ownership.awaitEventOver(0)).isEqualTo(ms(3));
    }

    @Test
    void aPartitionOwnedTwiceIsNotOver() {
        long eventNs = clockNs.get();
        ownership.startJoin(2);
        ownership.assigned(2, partitions(3)); // before member 1 revoked it
        deliverAll(0, 1, eventNs + 1);
        deliverAll(1, 3, eventNs + 1);
        ownership.delivered(2, 3, eventNs + 1);
        assertThatThrownBy(() -> ownership.awaitEventOver(0)).hasMessageContaining("1 owned twice");
    }

    @Test
    void awaitingWaitsForTheNextEventNotThePreviousOne() throws InterruptedException {
        long eventNs = clockNs.get();
        ownership.startEvent();
        deliverAll(0, 1, eventNs);
        deliverAll(1, 3, eventNs);
        assertThat(ownership.awaitEventOver(0)).isZero();
        assertThatThrownBy(() -> ownership.awaitEventOver(0)).isInstanceOf(WorkloadException.class);
    }

    @Test
    void settlingNeedsACompleteAssignmentThatStaysUnchanged() {
        ownership.revoked(0, partitions(1));
        assertThatThrownBy(() -> ownership.awaitSettled(0, 0)).hasMessageContaining("1 partitions unowned");
        ownership.assigned(1, partitions(1));
        assertThatThrownBy(() -> ownership.awaitSettled(10_000, 0)).hasMessageContaining("not settled");
    }

    private void deliverAll(int member, int lastPartition, long producedNs) {
        for (int p = member * 2; p <= lastPartition; p++) {
            ownership.delivered(member, p, producedNs);
        }
    }

    private static List<TopicPartition> partitions(int... ps) {
        return IntStream.of(ps).mapToObj(p -> new TopicPartition("t", p)).toList();
    }

    private static long ms(long ms) {
        return ms * 1_000_000;
    }
}
