package io.streambus.broker.handler.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streambus.broker.testing.ApiClient;
import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Committed offsets with real clients: commit on revocation, restart durability, and Admin group operations. */
class GroupOffsetsTest {

    @TempDir
    Path dataDir;
    TestBroker broker;

    @BeforeEach
    void start() {
        broker = TestBroker.start(dataDir, GroupClients.BROKER_CONFIGS);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private void produce(String topic, int count) throws Exception {
        try (KafkaProducer<String, String> producer = GroupClients.producer(broker)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            producer.flush();
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()));
    }

    @Test
    void noRecordIsProcessedTwiceAcrossACleanRebalanceWithCommitsOnRevocation() throws Exception {
        TestTopics.create(broker, "orders", 4);
        produce("orders", 400);
        List<String> processed = new ArrayList<>();
        KafkaConsumer<String, String> first = GroupClients.consumer(broker, "g-once",
                Map.of("max.poll.records", 10));
        first.subscribe(List.of("orders"), new CommitOnRevoke(first));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            first.poll(Duration.ofMillis(50)).forEach(r -> processed.add(r.value()));
            return processed.size() >= 50;
        });
        KafkaConsumer<String, String> second = GroupClients.consumer(broker, "g-once", Map.of("max.poll.records", 10));
        second.subscribe(List.of("orders"), new CommitOnRevoke(second));
        try (first; second) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (KafkaConsumer<String, String> c : List.of(first, second)) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(20))) {
                        processed.add(r.value());
                    }
                }
                return processed.size() >= 400 && !second.assignment().isEmpty();
            });
        }
        assertThat(processed).hasSize(400).doesNotHaveDuplicates();
    }

    @Test
    void committedOffsetsSurviveABrokerRestartAndConsumersResumeThere() throws Exception {
        TestTopics.create(broker, "events", 2);
        produce("events", 100);
        Map<TopicPartition, Long> committed = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = GroupClients.consumer(broker, "g-restart",
                Map.of("max.poll.records", 30))) {
            consumer.subscribe(List.of("events"));
            await().atMost(Duration.ofSeconds(20)).until(() -> !consumer.poll(Duration.ofMillis(50)).isEmpty());
            consumer.commitSync();
            for (TopicPartition tp : consumer.assignment()) {
                committed.put(tp, consumer.position(tp));
            }
        }
        assertThat(committed.values().stream().mapToLong(Long::longValue).sum()).isBetween(1L, 99L);

        broker.restart();

        try (KafkaConsumer<String, String> consumer = GroupClients.consumer(broker, "g-restart")) {
            consumer.subscribe(List.of("events"));
            List<ConsumerRecord<String, String>> rest = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(50)).forEach(rest::add);
                return consumer.assignment().size() == 2;
            });
            Map<TopicPartition, OffsetAndMetadata> afterRestart = consumer.committed(committed.keySet());
            committed.forEach((tp, offset) -> assertThat(afterRestart.get(tp).offset()).isEqualTo(offset));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(50)).forEach(rest::add);
                return committed.keySet().stream().mapToLong(consumer::position).sum() == 100;
            });
            long committedSum = committed.values().stream().mapToLong(Long::longValue).sum();
            assertThat(rest).as("committed %s", committed).hasSize((int) (100 - committedSum));
            for (ConsumerRecord<String, String> record : rest) {
                assertThat(record.offset()).isGreaterThanOrEqualTo(committed.get(
                        new TopicPartition(record.topic(), record.partition())));
            }
        }
    }

    @Test
    void adminListsDescribesResetsAndDeletesGroups() throws Exception {
        TestTopics.create(broker, "admin-t", 2);
        produce("admin-t", 20);
        TopicPartition p0 = new TopicPartition("admin-t", 0);
        TopicPartition p1 = new TopicPartition("admin-t", 1);
        try (Admin admin = admin(); KafkaConsumer<String, String> consumer = GroupClients.consumer(broker, "g-admin")) {
            consumer.subscribe(List.of("admin-t"));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(50));
                return consumer.assignment().size() == 2;
            });
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(3), p1, new OffsetAndMetadata(4)));

            Collection<GroupListing> listed = admin.listGroups().all().get();
            assertThat(listed).anySatisfy(g -> {
                assertThat(g.groupId()).isEqualTo("g-admin");
                assertThat(g.groupState()).contains(GroupState.STABLE);
            });
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of("g-admin"))
                    .describedGroups().get("g-admin").get();
            assertThat(description.groupState()).isEqualTo(GroupState.STABLE);
            assertThat(description.members()).singleElement()
                    .satisfies(m -> assertThat(m.assignment().topicPartitions()).containsExactlyInAnyOrder(p0, p1));
            assertThat(admin.listConsumerGroupOffsets("g-admin").partitionsToOffsetAndMetadata().get())
                    .containsEntry(p0, new OffsetAndMetadata(3)).containsEntry(p1, new OffsetAndMetadata(4));

            // An active group's offsets cannot be altered, nor can it be deleted.
            assertThatThrownBy(() -> admin.alterConsumerGroupOffsets("g-admin",
                    Map.of(p0, new OffsetAndMetadata(0))).all().get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(UnknownMemberIdException.class);
            assertThatThrownBy(() -> admin.deleteConsumerGroups(List.of("g-admin")).all().get())
                    .hasCauseInstanceOf(GroupNotEmptyException.class);
            consumer.unsubscribe();
        }
        try (Admin admin = admin()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.describeConsumerGroups(List.of("g-admin"))
                    .describedGroups().get("g-admin").get().groupState() == GroupState.EMPTY);
            // Reset the inactive group to the beginning, as kafka-consumer-groups --reset-offsets does.
            admin.alterConsumerGroupOffsets("g-admin", Map.of(p0, new OffsetAndMetadata(0), p1,
                    new OffsetAndMetadata(0))).all().get();
            assertThat(admin.listConsumerGroupOffsets("g-admin").partitionsToOffsetAndMetadata().get())
                    .containsEntry(p0, new OffsetAndMetadata(0)).containsEntry(p1, new OffsetAndMetadata(0));
            admin.deleteConsumerGroupOffsets("g-admin", Set.of(p1)).all().get();
            assertThat(admin.listConsumerGroupOffsets("g-admin").partitionsToOffsetAndMetadata().get())
                    .containsOnlyKeys(p0);
            assertThat(broker.broker().services().groupLag().lag("g-admin").get())
                    .singleElement().satisfies(lag -> assertThat(lag.lag()).isEqualTo(lag.highWatermark()));
            admin.deleteConsumerGroups(List.of("g-admin")).all().get();
            assertThat(admin.listGroups().all().get()).noneMatch(g -> g.groupId().equals("g-admin"));
        }
        try (KafkaConsumer<String, String> resumed = GroupClients.consumer(broker, "g-admin")) {
            resumed.subscribe(List.of("admin-t"));
            List<ConsumerRecord<String, String>> all = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                resumed.poll(Duration.ofMillis(50)).forEach(all::add);
                return all.size() >= 20;
            });
        }
    }

    private static JoinGroupRequestData rawJoin(String memberId) {
        return new JoinGroupRequestData().setGroupId("g-resume").setMemberId(memberId).setProtocolType("consumer")
                .setSessionTimeoutMs(30_000).setRebalanceTimeoutMs(5_000)
                .setProtocols(new JoinGroupRequestData.JoinGroupRequestProtocolCollection(List.of(
                        new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range")
                                .setMetadata(new byte[] {1, 2})).iterator()));
    }

    @Test
    void aStableClassicGroupResumesItsGenerationAfterARestart() throws Exception {
        String memberId;
        int generation;
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ((FindCoordinatorResponseData) client.request(
                    ApiKeys.FIND_COORDINATOR, 3, new FindCoordinatorRequestData().setKey("g-resume"))).errorCode() == 0);
            memberId = ((JoinGroupResponseData) client.request(ApiKeys.JOIN_GROUP, 9, rawJoin(""))).memberId();
            JoinGroupResponseData joined = client.request(ApiKeys.JOIN_GROUP, 9, rawJoin(memberId));
            generation = joined.generationId();
            SyncGroupResponseData synced = client.request(ApiKeys.SYNC_GROUP, 5, new SyncGroupRequestData()
                    .setGroupId("g-resume").setMemberId(memberId).setGenerationId(generation)
                    .setAssignments(List.of(new SyncGroupRequestData.SyncGroupRequestAssignment()
                            .setMemberId(memberId).setAssignment(new byte[] {9}))));
            assertThat(synced.errorCode()).isZero();
        }

        broker.restart();

        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ((FindCoordinatorResponseData) client.request(
                    ApiKeys.FIND_COORDINATOR, 3, new FindCoordinatorRequestData().setKey("g-resume"))).errorCode() == 0);
            HeartbeatResponseData heartbeat = client.request(ApiKeys.HEARTBEAT, 4, new HeartbeatRequestData()
                    .setGroupId("g-resume").setMemberId(memberId).setGenerationId(generation));
            assertThat(heartbeat.errorCode()).isZero();
            SyncGroupResponseData synced = client.request(ApiKeys.SYNC_GROUP, 5, new SyncGroupRequestData()
                    .setGroupId("g-resume").setMemberId(memberId).setGenerationId(generation));
            assertThat(synced.assignment()).containsExactly(9);
            DescribeGroupsResponseData described = client.request(ApiKeys.DESCRIBE_GROUPS, 5,
                    new DescribeGroupsRequestData().setGroups(List.of("g-resume")));
            assertThat(described.groups().getFirst().groupState()).isEqualTo("Stable");
            assertThat(described.groups().getFirst().members()).singleElement()
                    .satisfies(m -> assertThat(m.memberMetadata()).containsExactly(1, 2));
        }
    }

    @Test
    void aConsumerProtocolMemberKeepsItsEpochAndAssignmentAcrossARestart() throws Exception {
        TestTopics.create(broker, "k848-restart", 3);
        String memberId = Uuid.randomUuid().toString();
        ConsumerGroupHeartbeatResponseData joined;
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ((FindCoordinatorResponseData) client.request(
                    ApiKeys.FIND_COORDINATOR, 3, new FindCoordinatorRequestData().setKey("g-848-restart")))
                    .errorCode() == 0);
            joined = client.request(ApiKeys.CONSUMER_GROUP_HEARTBEAT, 1, new ConsumerGroupHeartbeatRequestData()
                    .setGroupId("g-848-restart").setMemberId(memberId).setMemberEpoch(0)
                    .setRebalanceTimeoutMs(10_000).setSubscribedTopicNames(List.of("k848-restart")));
            assertThat(joined.errorCode()).isZero();
            assertThat(joined.assignment().topicPartitions().getFirst().partitions()).hasSize(3);
        }

        broker.restart();

        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ((FindCoordinatorResponseData) client.request(
                    ApiKeys.FIND_COORDINATOR, 3, new FindCoordinatorRequestData().setKey("g-848-restart")))
                    .errorCode() == 0);
            ConsumerGroupHeartbeatResponseData heartbeat = client.request(ApiKeys.CONSUMER_GROUP_HEARTBEAT, 1,
                    new ConsumerGroupHeartbeatRequestData().setGroupId("g-848-restart").setMemberId(memberId)
                            .setMemberEpoch(joined.memberEpoch()));
            assertThat(heartbeat.errorCode()).isZero();
            assertThat(heartbeat.memberEpoch()).isEqualTo(joined.memberEpoch());
            assertThat(heartbeat.assignment().topicPartitions().getFirst().partitions())
                    .containsExactlyInAnyOrderElementsOf(joined.assignment().topicPartitions().getFirst().partitions());
        }
    }
}
