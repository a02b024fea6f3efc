package io.streambus.broker.handler.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.broker.testing.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CreateTopics, DeleteTopics, CreatePartitions and Metadata through kafka-clients' Admin over a real socket. */
class TopicAdminTest {

    @TempDir
    static Path dataDir;
    static TestBroker broker;
    static Admin admin;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(dataDir, Map.of("num.partitions", "2"));
        admin = AdminClients.create(broker.bootstrap());
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void createsDescribesAndDeletesATopic() throws Exception {
        CreateTopicsResult created = admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1)
                .configs(Map.of("retention.ms", "3600000"))));
        Uuid id = created.topicId("orders").get();
        assertThat(id).isNotEqualTo(Uuid.ZERO_UUID);
        assertThat(created.numPartitions("orders").get()).isEqualTo(3);
        assertThat(created.replicationFactor("orders").get()).isEqualTo(1);
        Config config = created.config("orders").get();
        assertThat(config.get("retention.ms").value()).isEqualTo("3600000");
        assertThat(config.get("retention.ms").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(config.get("cleanup.policy").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);

        TopicDescription description = admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders");
        assertThat(description.topicId()).isEqualTo(id);
        assertThat(description.isInternal()).isFalse();
        assertThat(description.partitions()).hasSize(3);
        for (TopicPartitionInfo partition : description.partitions()) {
            assertThat(partition.leader().id()).isEqualTo(1);
            assertThat(partition.replicas()).extracting(n -> n.id()).containsExactly(1);
            assertThat(partition.isr()).extracting(n -> n.id()).containsExactly(1);
        }
        assertThat(broker.broker().services().partitions().partition(new TopicPartition("orders", 2))).isPresent();
        assertThat(admin.listTopics().names().get()).contains("orders");

        admin.deleteTopics(List.of("orders")).all().get();
        assertThat(admin.listTopics().names().get()).doesNotContain("orders");
        assertThat(broker.broker().services().partitions().partition(new TopicPartition("orders", 0))).isEmpty();
        assertFailsWith(() -> admin.describeTopics(List.of("orders")).allTopicNames().get(),
                UnknownTopicOrPartitionException.class);
    }

    @Test
    void usesBrokerDefaultsForMissingPartitionCountAndReplicationFactor() throws Exception {
        CreateTopicsResult created = admin.createTopics(List.of(new NewTopic("defaults", Optional.empty(),
                Optional.empty())));
        assertThat(created.numPartitions("defaults").get()).isEqualTo(2);
        assertThat(created.replicationFactor("defaults").get()).isEqualTo(1);
        assertThat(admin.describeTopics(List.of("defaults")).allTopicNames().get().get("defaults").partitions())
                .hasSize(2);
    }

    @Test
    void createsWithAManualAssignmentAndRejectsImpossibleOnes() throws Exception {
        admin.createTopics(List.of(new NewTopic("manual", Map.of(0, List.of(1), 1, List.of(1))))).all().get();
        assertThat(admin.describeTopics(List.of("manual")).allTopicNames().get().get("manual").partitions())
                .hasSize(2);
        assertFailsWith(() -> admin.createTopics(List.of(new NewTopic("manual-bad", Map.of(0, List.of(7)))))
                .all().get(), InvalidReplicaAssignmentException.class);
    }

    @Test
    void reportsEachBadTopicOnItsOwn() throws Exception {
        admin.createTopics(List.of(new NewTopic("existing", 1, (short) 1))).all().get();
        CreateTopicsResult result = admin.createTopics(List.of(
                new NewTopic("existing", 1, (short) 1),
                new NewTopic("bad name!", 1, (short) 1),
                new NewTopic("bad-config", 1, (short) 1).configs(Map.of("retention.ms", "soon")),
                new NewTopic("unknown-config", 1, (short) 1).configs(Map.of("no.such.config", "1")),
                new NewTopic("too-many-replicas", 1, (short) 3),
                new NewTopic("zero-partitions", 0, (short) 1),
                new NewTopic("fine", 1, (short) 1)));
        assertFailsWith(() -> result.values().get("existing").get(), TopicExistsException.class);
        assertFailsWith(() -> result.values().get("bad name!").get(), InvalidTopicException.class);
        assertThatThrownBy(() -> result.values().get("bad-config").get())
                .cause().isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("retention.ms");
        assertThatThrownBy(() -> result.values().get("unknown-config").get())
                .cause().isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("no.such.config");
        assertFailsWith(() -> result.values().get("too-many-replicas").get(),
                InvalidReplicationFactorException.class);
        assertFailsWith(() -> result.values().get("zero-partitions").get(), InvalidPartitionsException.class);
        result.values().get("fine").get();
        assertThat(admin.listTopics().names().get()).contains("fine")
                .doesNotContain("bad-config", "too-many-replicas", "zero-partitions");
    }

    @Test
    void validateOnlyCreatesNothing() throws Exception {
        CreateTopicsResult result = admin.createTopics(List.of(new NewTopic("dry-run", 4, (short) 1)),
                new CreateTopicsOptions().validateOnly(true));
        assertThat(result.numPartitions("dry-run").get()).isEqualTo(4);
        assertThat(result.config("dry-run").get().get("segment.bytes")).isNotNull();
        assertThat(admin.listTopics().names().get()).doesNotContain("dry-run");
        assertFailsWith(() -> admin.createTopics(List.of(new NewTopic("dry run", 1, (short) 1)),
                new CreateTopicsOptions().validateOnly(true)).all().get(), InvalidTopicException.class);
    }

    @Test
    void deletesByTopicIdAndReportsUnknownTopics() throws Exception {
        Uuid id = admin.createTopics(List.of(new NewTopic("by-id", 1, (short) 1))).topicId("by-id").get();
        admin.deleteTopics(TopicCollection.ofTopicIds(List.of(id))).all().get();
        assertThat(admin.listTopics().names().get()).doesNotContain("by-id");

        assertFailsWith(() -> admin.deleteTopics(List.of("never-existed")).all().get(),
                UnknownTopicOrPartitionException.class);
        assertFailsWith(() -> admin.deleteTopics(TopicCollection.ofTopicIds(List.of(Uuid.randomUuid()))).all().get(),
                UnknownTopicIdException.class);
    }

    @Test
    void deleteTopicsV6RejectsAnEntryWithBothNameAndId() throws Exception {
        try (RawRequests raw = new RawRequests(port())) {
            DeleteTopicsRequestData request = new DeleteTopicsRequestData().setTimeoutMs(5_000);
            request.topics().add(new DeleteTopicsRequestData.DeleteTopicState().setName("x")
                    .setTopicId(Uuid.randomUuid()));
            DeleteTopicsResponseData response = raw.send(ApiKeys.DELETE_TOPICS, 6, request);
            assertThat(response.responses()).singleElement()
                    .satisfies(r -> assertThat(r.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code()));

            DeleteTopicsRequestData v1 = new DeleteTopicsRequestData().setTimeoutMs(5_000)
                    .setTopicNames(List.of("missing-v1"));
            DeleteTopicsResponseData old = raw.send(ApiKeys.DELETE_TOPICS, 1, v1);
            assertThat(old.responses().find("missing-v1").errorCode())
                    .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
    }

    @Test
    void increasesPartitions() throws Exception {
        admin.createTopics(List.of(new NewTopic("growing", 1, (short) 1))).all().get();
        admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(4))).all().get();
        assertThat(admin.describeTopics(List.of("growing")).allTopicNames().get().get("growing").partitions())
                .hasSize(4);
        assertThat(broker.broker().services().partitions().partition(new TopicPartition("growing", 3))).isPresent();

        assertFailsWith(() -> admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(4))).all().get(),
                InvalidPartitionsException.class);
        assertFailsWith(() -> admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(2))).all().get(),
                InvalidPartitionsException.class);
        assertFailsWith(() -> admin.createPartitions(Map.of("no-such-topic", NewPartitions.increaseTo(2))).all().get(),
                UnknownTopicOrPartitionException.class);
        assertFailsWith(() -> admin.createPartitions(Map.of("growing",
                NewPartitions.increaseTo(6, List.of(List.of(1))))).all().get(), InvalidReplicaAssignmentException.class);
    }

    @Test
    void describeTopicsIncludesAuthorizedOperationsOnlyWhenAsked() throws Exception {
        admin.createTopics(List.of(new NewTopic("ops", 1, (short) 1))).all().get();
        TopicDescription plain = admin.describeTopics(List.of("ops")).allTopicNames().get().get("ops");
        assertThat(plain.authorizedOperations()).isNull();
        TopicDescription withOps = admin.describeTopics(List.of("ops"),
                new org.apache.kafka.clients.admin.DescribeTopicsOptions().includeAuthorizedOperations(true))
                .allTopicNames().get().get("ops");
        assertThat(withOps.authorizedOperations()).contains(org.apache.kafka.common.acl.AclOperation.READ,
                org.apache.kafka.common.acl.AclOperation.WRITE, org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS);
    }

    @Test
    void topicDirectoriesFollowCreationAndDeletion() throws Exception {
        admin.createTopics(List.of(new NewTopic("on-disk", 1, (short) 1))).all().get();
        assertThat(Files.isDirectory(dataDir.resolve("on-disk-0"))).isTrue();
        admin.deleteTopics(Set.of("on-disk")).all().get();
        assertThat(broker.broker().services().logs().log(new io.streambus.storage.LogId("on-disk", 0))).isEmpty();
    }

    static int port() {
        return broker.broker().boundPort(TestBroker.LISTENER);
    }

    static void assertFailsWith(ThrowingCall call, Class<? extends Throwable> cause) {
        assertThatThrownBy(call::run).isInstanceOf(ExecutionException.class).cause().isInstanceOf(cause);
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

}
