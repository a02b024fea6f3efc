package io.streambus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streambus.it.support.Clients;
import io.streambus.it.support.InProcessBroker;
import io.streambus.it.support.RawKafkaClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka's Admin client against a StreamBus node, as an operator's tooling would use it. */
class AdminIT {

    @TempDir
    static Path dataDir;
    static InProcessBroker broker;
    static Admin admin;

    @BeforeAll
    static void start() {
        broker = InProcessBroker.start(dataDir);
        admin = Clients.admin(broker.bootstrap());
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void createsDescribesAndDeletesTopics() throws Exception {
        admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1)
                .configs(Map.of("retention.ms", "3600000")))).all().get();

        assertThat(admin.listTopics().names().get()).contains("orders");
        TopicDescription description = admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders");
        assertThat(description.topicId()).isNotEqualTo(Uuid.ZERO_UUID);
        assertThat(description.isInternal()).isFalse();
        assertThat(description.partitions()).hasSize(3).allSatisfy(partition -> {
            assertThat(partition.leader().id()).isEqualTo(1);
            assertThat(partition.replicas()).extracting(Node::id).containsExactly(1);
            assertThat(partition.isr()).extracting(Node::id).containsExactly(1);
        });
        assertThat(description.partitions()).extracting(p -> p.partition()).containsExactly(0, 1, 2);

        admin.deleteTopics(List.of("orders")).all().get();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !admin.listTopics().names().get().contains("orders"));
        assertThatThrownBy(() -> admin.describeTopics(List.of("orders")).allTopicNames().get())
                .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void validateOnlyCreatesNothing() throws Exception {
        admin.createTopics(List.of(new NewTopic("dry-run", 2, (short) 1)),
                new CreateTopicsOptions().validateOnly(true)).all().get();
        assertThat(admin.listTopics().names().get()).doesNotContain("dry-run");
    }

    @Test
    void createTopicErrors() throws Exception {
        admin.createTopics(List.of(new NewTopic("exists", 1, (short) 1))).all().get();

        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("exists", 1, (short) 1))).all().get())
                .hasCauseInstanceOf(TopicExistsException.class);
        for (String invalid : List.of("bad/name", "..", "x".repeat(250), "spaces not allowed")) {
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic(invalid, 1, (short) 1))).all().get())
                    .as("topic name %s", invalid)
                    .hasCauseInstanceOf(InvalidTopicException.class);
        }
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("bad-config", 1, (short) 1)
                .configs(Map.of("cleanup.policy", "sometimes")))).all().get())
                .hasCauseInstanceOf(InvalidConfigurationException.class);
        assertThat(admin.listTopics().names().get()).doesNotContain("bad-config");
    }

    @Test
    void deleteUnknownTopicFails() {
        assertThatThrownBy(() -> admin.deleteTopics(List.of("never-created")).all().get())
                .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void describesTopicAndBrokerConfigs() throws Exception {
        admin.createTopics(List.of(new NewTopic("configured", 1, (short) 1)
                .configs(Map.of("retention.ms", "1234567")))).all().get();
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "configured");
        ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");

        Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(topic, node)).all().get();

        ConfigEntry retention = configs.get(topic).get("retention.ms");
        assertThat(retention.value()).isEqualTo("1234567");
        assertThat(retention.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        ConfigEntry cleanup = configs.get(topic).get("cleanup.policy");
        assertThat(cleanup.value()).isEqualTo("delete");
        assertThat(cleanup.source()).isNotEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(configs.get(node).get("num.partitions")).isNotNull();
        assertThat(configs.get(node).get("num.partitions").value()).isEqualTo("1");

        assertThatThrownBy(() -> admin.describeConfigs(List.of(
                new ConfigResource(ConfigResource.Type.TOPIC, "no-such-topic"))).all().get())
                .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void incrementalAlterConfigsSetsAndDeletes() throws Exception {
        admin.createTopics(List.of(new NewTopic("altered", 1, (short) 1))).all().get();
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "altered");

        alter(topic, new AlterConfigOp(new ConfigEntry("retention.ms", "60000"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.SET));
        assertThat(topicConfig(topic, "retention.ms")).isEqualTo("60000");
        assertThat(topicConfig(topic, "cleanup.policy")).isEqualTo("compact");

        alter(topic, new AlterConfigOp(new ConfigEntry("retention.ms", null), AlterConfigOp.OpType.DELETE));
        assertThat(topicConfig(topic, "retention.ms")).isEqualTo("604800000");
        assertThat(topicConfig(topic, "cleanup.policy")).isEqualTo("compact");

        assertThatThrownBy(() -> alter(topic,
                new AlterConfigOp(new ConfigEntry("retention.ms", "soon"), AlterConfigOp.OpType.SET)))
                .hasCauseInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> alter(topic,
                new AlterConfigOp(new ConfigEntry("no.such.config", "1"), AlterConfigOp.OpType.SET)))
                .hasCauseInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> alter(new ConfigResource(ConfigResource.Type.TOPIC, "no-such-topic"),
                new AlterConfigOp(new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET)))
                .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
        assertThat(topicConfig(topic, "cleanup.policy")).isEqualTo("compact");
    }

    /** Admin no longer sends the legacy AlterConfigs API (replace all configs), so it is sent raw. */
    @Test
    void legacyAlterConfigsReplacesAllTopicConfigs() throws Exception {
        admin.createTopics(List.of(new NewTopic("replaced", 1, (short) 1)
                .configs(Map.of("retention.ms", "60000")))).all().get();
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "replaced");

        try (RawKafkaClient raw = new RawKafkaClient(broker.port())) {
            AlterConfigsRequestData.AlterableConfigCollection configs =
                    new AlterConfigsRequestData.AlterableConfigCollection();
            configs.add(new AlterConfigsRequestData.AlterableConfig().setName("segment.bytes").setValue("1048576"));
            AlterConfigsRequestData.AlterConfigsResourceCollection resources =
                    new AlterConfigsRequestData.AlterConfigsResourceCollection();
            resources.add(new AlterConfigsRequestData.AlterConfigsResource()
                    .setResourceType(ConfigResource.Type.TOPIC.id()).setResourceName("replaced").setConfigs(configs));
            AlterConfigsResponseData response = (AlterConfigsResponseData) raw.sendUpTo(ApiKeys.ALTER_CONFIGS, 2,
                    new AlterConfigsRequestData().setResources(resources));
            assertThat(response.responses()).singleElement()
                    .satisfies(r -> assertThat(Errors.forCode(r.errorCode())).isEqualTo(Errors.NONE));
        }

        assertThat(topicConfig(topic, "segment.bytes")).isEqualTo("1048576");
        // Replace-all semantics: what was not in the request is back to its default.
        assertThat(topicConfig(topic, "retention.ms")).isEqualTo("604800000");
    }

    @Test
    void increasesPartitions() throws Exception {
        admin.createTopics(List.of(new NewTopic("growing", 2, (short) 1))).all().get();

        admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(5))).all().get();

        assertThat(admin.describeTopics(List.of("growing")).allTopicNames().get().get("growing").partitions())
                .hasSize(5);
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(broker.bootstrap())) {
            assertThat(producer.send(new ProducerRecord<>("growing", 4, null, new byte[] {1})).get().offset())
                    .isZero();
        }
        assertThatThrownBy(() -> admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(3))).all().get())
                .hasCauseInstanceOf(InvalidPartitionsException.class);
        assertThatThrownBy(() -> admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(5))).all().get())
                .hasCauseInstanceOf(InvalidPartitionsException.class);
        assertThatThrownBy(() -> admin.createPartitions(Map.of("nothing-here", NewPartitions.increaseTo(5)))
                .all().get())
                .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void describesCluster() throws Exception {
        DescribeClusterResult cluster = admin.describeCluster();

        Collection<Node> nodes = cluster.nodes().get();
        assertThat(nodes).singleElement().satisfies(node -> {
            assertThat(node.id()).isEqualTo(1);
            assertThat(node.host()).isEqualTo("127.0.0.1");
            assertThat(node.port()).isEqualTo(broker.port());
        });
        assertThat(cluster.clusterId().get()).isEqualTo(broker.broker().config().clusterId());
        assertThat(cluster.controller().get().id()).isEqualTo(1);
    }

    @Test
    void describesLogDirsWithPartitionSizes() throws Exception {
        admin.createTopics(List.of(new NewTopic("sized", 2, (short) 1))).all().get();
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(broker.bootstrap())) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("sized", 0, null, new byte[100]));
            }
            producer.flush();
        }

        Map<String, LogDirDescription> dirs = admin.describeLogDirs(Set.of(1)).allDescriptions().get().get(1);

        assertThat(dirs).hasSize(1);
        Map.Entry<String, LogDirDescription> dir = dirs.entrySet().iterator().next();
        assertThat(Path.of(dir.getKey()).toAbsolutePath().normalize())
                .isEqualTo(dataDir.toAbsolutePath().normalize());
        assertThat(dir.getValue().error()).isNull();
        Map<TopicPartition, org.apache.kafka.clients.admin.ReplicaInfo> replicas = dir.getValue().replicaInfos();
        assertThat(replicas.get(new TopicPartition("sized", 0)).size()).isGreaterThan(100 * 100);
        assertThat(replicas.get(new TopicPartition("sized", 1)).size()).isZero();
    }

    private static void alter(ConfigResource resource, AlterConfigOp... ops)
            throws ExecutionException, InterruptedException {
        admin.incrementalAlterConfigs(Map.of(resource, List.of(ops))).all().get();
    }

    private static String topicConfig(ConfigResource topic, String name) throws Exception {
        return admin.describeConfigs(List.of(topic)).all().get().get(topic).get(name).value();
    }
}
