package io.streambus.broker.handler.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classic group protocol driven by real KafkaConsumers: assignment, leave, crash, static and cooperative members. */
class ClassicGroupTest {

    @TempDir
    static Path dataDir;
    static TestBroker broker;
    private final List<KafkaConsumer<String, String>> consumers = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start(dataDir, GroupClients.BROKER_CONFIGS);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void closeConsumers() {
        consumers.forEach(c -> c.close(Duration.ofSeconds(2)));
    }

    private KafkaConsumer<String, String> consumer(String group, String topic, Map<String, Object> overrides) {
        KafkaConsumer<String, String> consumer = GroupClients.consumer(broker, group, overrides);
        consumer.subscribe(List.of(topic));
        consumers.add(consumer);
        return consumer;
    }

    /** Polls every consumer until {@code done} holds for their assignments. */
    private void pollUntil(List<KafkaConsumer<String, String>> group, java.util.function.Supplier<Boolean> done) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ZERO).until(() -> {
            group.forEach(c -> c.poll(Duration.ofMillis(20)));
            return done.get();
        });
    }

    private static boolean exactlyOnce(List<KafkaConsumer<String, String>> group, String topic, int partitions) {
        Set<TopicPartition> seen = new HashSet<>();
        int total = 0;
        for (KafkaConsumer<String, String> c : group) {
            seen.addAll(c.assignment());
            total += c.assignment().size();
        }
        return total == partitions && seen.size() == partitions
                && seen.stream().allMatch(tp -> tp.topic().equals(topic))
                && group.stream().noneMatch(c -> c.assignment().isEmpty());
    }

    @Test
    void everyPartitionIsAssignedExactlyOnceAndMovesWhenMembersLeaveOrJoin() {
        TestTopics.create(broker, "assign", 6);
        List<KafkaConsumer<String, String>> group = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            group.add(consumer("g-assign", "assign", Map.of()));
        }
        pollUntil(group, () -> exactlyOnce(group, "assign", 6));

        KafkaConsumer<String, String> leaving = group.removeFirst();
        leaving.close(Duration.ofSeconds(5));
        consumers.remove(leaving);
        pollUntil(group, () -> exactlyOnce(group, "assign", 6));

        group.add(consumer("g-assign", "assign", Map.of()));
        pollUntil(group, () -> exactlyOnce(group, "assign", 6));
    }

    @Test
    void aCrashedMembersPartitionsMoveAfterItsSessionTimeout() {
        TestTopics.create(broker, "crash", 4);
        // A static member sends no LeaveGroup when closed: to the coordinator that is a crash.
        KafkaConsumer<String, String> crashing = consumer("g-crash", "crash",
                Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "crashing"));
        KafkaConsumer<String, String> survivor = consumer("g-crash", "crash", Map.of());
        List<KafkaConsumer<String, String>> both = List.of(crashing, survivor);
        pollUntil(both, () -> exactlyOnce(both, "crash", 4));

        crashing.close(Duration.ofSeconds(2));
        consumers.remove(crashing);
        pollUntil(List.of(survivor), () -> survivor.assignment().size() == 4);
    }

    @Test
    void aStaticMemberRestartingWithinItsSessionCausesNoRebalance() {
        TestTopics.create(broker, "static", 4);
        Map<String, Object> a = Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "a",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        Map<String, Object> b = Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "b",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        KafkaConsumer<String, String> first = consumer("g-static", "static", a);
        KafkaConsumer<String, String> other = consumer("g-static", "static", b);
        List<KafkaConsumer<String, String>> both = List.of(first, other);
        pollUntil(both, () -> exactlyOnce(both, "static", 4));
        int generation = other.groupMetadata().generationId();
        Set<TopicPartition> firstAssignment = Set.copyOf(first.assignment());
        Set<TopicPartition> otherAssignment = Set.copyOf(other.assignment());

        first.close(Duration.ofSeconds(2));
        consumers.remove(first);
        KafkaConsumer<String, String> restarted = consumer("g-static", "static", a);
        pollUntil(List.of(restarted, other), () -> restarted.assignment().equals(firstAssignment));

        assertThat(other.assignment()).isEqualTo(otherAssignment);
        assertThat(other.groupMetadata().generationId()).isEqualTo(generation);
        assertThat(restarted.groupMetadata().generationId()).isEqualTo(generation);
    }

    @Test
    void cooperativeStickyKeepsPartitionsThatStay() {
        TestTopics.create(broker, "coop", 6);
        Map<String, Object> cooperative = Map.of(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName());
        RevocationRecorder recorder = new RevocationRecorder();
        KafkaConsumer<String, String> first = GroupClients.consumer(broker, "g-coop", cooperative);
        consumers.add(first);
        first.subscribe(List.of("coop"), recorder);
        pollUntil(List.of(first), () -> first.assignment().size() == 6);
        Set<TopicPartition> before = Set.copyOf(first.assignment());

        KafkaConsumer<String, String> second = consumer("g-coop", "coop", cooperative);
        List<KafkaConsumer<String, String>> both = List.of(first, second);
        pollUntil(both, () -> exactlyOnce(both, "coop", 6) && first.assignment().size() == 3);

        Set<TopicPartition> kept = new HashSet<>(before);
        kept.retainAll(first.assignment());
        assertThat(kept).hasSize(3);
        // Only the partitions that moved were revoked; the ones that stayed never were.
        assertThat(recorder.revoked).doesNotContainAnyElementsOf(kept).hasSize(3);
    }

    private static final class RevocationRecorder implements org.apache.kafka.clients.consumer.ConsumerRebalanceListener {
        final List<TopicPartition> revoked = new ArrayList<>();

        @Override
        public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
            revoked.addAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
        }
    }
}
