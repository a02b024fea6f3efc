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
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KIP-848 groups with real KafkaConsumers using group.protocol=consumer: server-side assignment and reconciliation. */
class ConsumerProtocolGroupTest {

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
        KafkaConsumer<String, String> consumer = GroupClients.consumerProtocol(broker, group, overrides);
        consumer.subscribe(List.of(topic));
        consumers.add(consumer);
        return consumer;
    }

    private static void pollUntil(List<KafkaConsumer<String, String>> group, Supplier<Boolean> done) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ZERO).until(() -> {
            group.forEach(c -> c.poll(Duration.ofMillis(20)));
            return done.get();
        });
    }

    private static boolean exactlyOnce(List<KafkaConsumer<String, String>> group, int partitions) {
        Set<TopicPartition> seen = new HashSet<>();
        int total = 0;
        for (KafkaConsumer<String, String> c : group) {
            seen.addAll(c.assignment());
            total += c.assignment().size();
        }
        return total == partitions && seen.size() == partitions
                && group.stream().noneMatch(c -> c.assignment().isEmpty());
    }

    @Test
    void partitionsAreAssignedExactlyOnceAsMembersJoinAndLeave() {
        TestTopics.create(broker, "k848", 6);
        List<KafkaConsumer<String, String>> group = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            group.add(consumer("g-848", "k848", Map.of()));
        }
        pollUntil(group, () -> exactlyOnce(group, 6) && group.stream().allMatch(c -> c.assignment().size() == 2));

        KafkaConsumer<String, String> leaving = group.removeFirst();
        leaving.close(Duration.ofSeconds(5));
        consumers.remove(leaving);
        pollUntil(group, () -> exactlyOnce(group, 6));

        group.add(consumer("g-848", "k848", Map.of()));
        pollUntil(group, () -> exactlyOnce(group, 6) && group.stream().allMatch(c -> c.assignment().size() == 2));
    }

    @Test
    void aStaticMemberThatGoesAwayLosesItsPartitionsAfterTheSessionTimeout() {
        TestTopics.create(broker, "k848-static", 4);
        KafkaConsumer<String, String> away = consumer("g-848-static", "k848-static",
                Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "away"));
        KafkaConsumer<String, String> staying = consumer("g-848-static", "k848-static", Map.of());
        List<KafkaConsumer<String, String>> both = List.of(away, staying);
        pollUntil(both, () -> exactlyOnce(both, 4));

        away.close(Duration.ofSeconds(2));
        consumers.remove(away);
        pollUntil(List.of(staying), () -> staying.assignment().size() == 4);
    }

    @Test
    void theRangeAssignorGivesContiguousRanges() {
        TestTopics.create(broker, "k848-range", 4);
        Map<String, Object> range = Map.of(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "range");
        KafkaConsumer<String, String> a = consumer("g-848-range", "k848-range", range);
        KafkaConsumer<String, String> b = consumer("g-848-range", "k848-range", range);
        List<KafkaConsumer<String, String>> both = List.of(a, b);
        pollUntil(both, () -> exactlyOnce(both, 4) && a.assignment().size() == 2);
        for (KafkaConsumer<String, String> c : both) {
            List<Integer> partitions = c.assignment().stream().map(TopicPartition::partition).sorted().toList();
            assertThat(partitions.get(1) - partitions.get(0)).isEqualTo(1);
        }
    }

    @Test
    void noRecordIsProcessedTwiceWhenOffsetsAreCommittedOnRevocation() throws Exception {
        TestTopics.create(broker, "k848-once", 4);
        try (KafkaProducer<String, String> producer = GroupClients.producer(broker)) {
            for (int i = 0; i < 300; i++) {
                producer.send(new ProducerRecord<>("k848-once", "k" + i, "v" + i));
            }
        }
        List<String> processed = new ArrayList<>();
        KafkaConsumer<String, String> first = GroupClients.consumerProtocol(broker, "g-848-once",
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10));
        consumers.add(first);
        first.subscribe(List.of("k848-once"), new CommitOnRevoke(first));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            first.poll(Duration.ofMillis(50)).forEach(r -> processed.add(r.value()));
            return processed.size() >= 40;
        });
        KafkaConsumer<String, String> second = GroupClients.consumerProtocol(broker, "g-848-once",
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10));
        consumers.add(second);
        second.subscribe(List.of("k848-once"), new CommitOnRevoke(second));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (KafkaConsumer<String, String> c : List.of(first, second)) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(20))) {
                    processed.add(r.value());
                }
            }
            return processed.size() >= 300 && !second.assignment().isEmpty();
        });
        assertThat(processed).hasSize(300).doesNotHaveDuplicates();
    }

    @Test
    void adminDescribesConsumerProtocolGroupsAndListsTheirType() throws Exception {
        TestTopics.create(broker, "k848-admin", 2);
        KafkaConsumer<String, String> member = consumer("g-848-admin", "k848-admin", Map.of());
        pollUntil(List.of(member), () -> member.assignment().size() == 2);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of("g-848-admin"))
                    .describedGroups().get("g-848-admin").get();
            assertThat(description.type()).isEqualTo(GroupType.CONSUMER);
            assertThat(description.groupState()).isEqualTo(GroupState.STABLE);
            assertThat(description.members()).singleElement().satisfies(m -> assertThat(
                    m.assignment().topicPartitions()).hasSize(2));
            assertThat(admin.listGroups().all().get()).anySatisfy(g -> {
                assertThat(g.groupId()).isEqualTo("g-848-admin");
                assertThat(g.type()).contains(GroupType.CONSUMER);
            });
        }
    }
}
