package io.streambus.broker.handler.admin;

import static io.streambus.broker.handler.admin.TopicAdminTest.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.broker.testing.TestBroker;
import io.streambus.storage.PartitionLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DescribeConfigs, IncrementalAlterConfigs and the legacy AlterConfigs on topics and brokers. */
class ConfigAdminTest {

    @TempDir
    static Path dataDir;
    static TestBroker broker;
    static Admin admin;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(dataDir, Map.of("log.retention.hours", "48"));
        admin = AdminClients.create(broker.bootstrap());
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void describesTopicConfigsWithSourcesSynonymsTypesAndDocumentation() throws Exception {
        createTopic("described");
        ConfigResource topic = topic("described");
        admin.incrementalAlterConfigs(Map.of(topic, List.of(set("segment.ms", "600000")))).all().get();

        Config config = admin.describeConfigs(List.of(topic), new DescribeConfigsOptions().includeSynonyms(true)
                .includeDocumentation(true)).all().get().get(topic);
        ConfigEntry retention = config.get("retention.ms");
        assertThat(retention.value()).isEqualTo("172800000");
        assertThat(retention.source()).isEqualTo(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(retention.isReadOnly()).isFalse();
        assertThat(retention.isSensitive()).isFalse();
        assertThat(retention.type()).isEqualTo(ConfigEntry.ConfigType.LONG);
        assertThat(retention.documentation()).isNotBlank();
        assertThat(retention.synonyms()).extracting(ConfigEntry.ConfigSynonym::name, ConfigEntry.ConfigSynonym::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("log.retention.hours",
                                ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG),
                        org.assertj.core.groups.Tuple.tuple("retention.ms", ConfigEntry.ConfigSource.DEFAULT_CONFIG));

        ConfigEntry segmentMs = config.get("segment.ms");
        assertThat(segmentMs.value()).isEqualTo("600000");
        assertThat(segmentMs.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(config.get("cleanup.policy").type()).isEqualTo(ConfigEntry.ConfigType.LIST);

        Config plain = admin.describeConfigs(List.of(topic)).all().get().get(topic);
        assertThat(plain.get("retention.ms").synonyms()).isEmpty();
        assertThat(plain.get("retention.ms").documentation()).isNull();
    }

    @Test
    void describesOnlyTheRequestedKeys() throws Exception {
        createTopic("some-keys");
        try (RawRequests raw = new RawRequests(TopicAdminTestPort.of(broker))) {
            DescribeConfigsRequestData request = new DescribeConfigsRequestData();
            request.resources().add(new DescribeConfigsRequestData.DescribeConfigsResource()
                    .setResourceType(ConfigResource.Type.TOPIC.id()).setResourceName("some-keys")
                    .setConfigurationKeys(List.of("cleanup.policy", "no.such.key")));
            DescribeConfigsResponseData response = raw.send(ApiKeys.DESCRIBE_CONFIGS, 4, request);
            assertThat(response.results()).singleElement().satisfies(result -> {
                assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
                assertThat(result.configs()).extracting(c -> c.name()).containsExactly("cleanup.policy");
            });
        }
    }

    @Test
    void describeReportsUnknownAndInvalidResources() {
        assertFailsWith(() -> admin.describeConfigs(List.of(topic("missing"))).all().get(),
                UnknownTopicOrPartitionException.class);
        assertFailsWith(() -> admin.describeConfigs(List.of(topic("bad/name"))).all().get(),
                InvalidTopicException.class);
    }

    @Test
    void incrementalAlterSetsDeletesAppendsAndSubtracts() throws Exception {
        createTopic("altered");
        ConfigResource topic = topic("altered");
        admin.incrementalAlterConfigs(Map.of(topic, List.of(set("retention.ms", "1000"),
                new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.APPEND))))
                .all().get();
        Config config = describe(topic);
        assertThat(config.get("retention.ms").value()).isEqualTo("1000");
        assertThat(config.get("cleanup.policy").value()).isEqualTo("delete,compact");

        admin.incrementalAlterConfigs(Map.of(topic, List.of(
                new AlterConfigOp(new ConfigEntry("retention.ms", null), AlterConfigOp.OpType.DELETE),
                new AlterConfigOp(new ConfigEntry("cleanup.policy", "delete"), AlterConfigOp.OpType.SUBTRACT))))
                .all().get();
        config = describe(topic);
        assertThat(config.get("retention.ms").value()).isEqualTo("172800000");
        assertThat(config.get("retention.ms").source()).isEqualTo(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }

    @Test
    void incrementalAlterRejectsBadChangesNamingTheKey() throws Exception {
        createTopic("guarded");
        ConfigResource topic = topic("guarded");
        assertThatThrownBy(() -> admin.incrementalAlterConfigs(Map.of(topic, List.of(set("retention.ms", "soon"))))
                .all().get()).cause().isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("retention.ms");
        assertThatThrownBy(() -> admin.incrementalAlterConfigs(Map.of(topic, List.of(set("no.such.config", "1"))))
                .all().get()).cause().isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("no.such.config");
        assertFailsWith(() -> admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                new ConfigEntry("retention.ms", "5"), AlterConfigOp.OpType.APPEND)))).all().get(),
                InvalidConfigurationException.class);
        assertFailsWith(() -> admin.incrementalAlterConfigs(Map.of(topic("missing"), List.of(set("retention.ms", "1"))))
                .all().get(), UnknownTopicOrPartitionException.class);
        assertThat(describe(topic).get("retention.ms").value()).isEqualTo("172800000");
    }

    @Test
    void validateOnlyChangesNothing() throws Exception {
        createTopic("dry");
        ConfigResource topic = topic("dry");
        admin.incrementalAlterConfigs(Map.of(topic, List.of(set("retention.ms", "1000"))),
                new AlterConfigsOptions().validateOnly(true)).all().get();
        assertThat(describe(topic).get("retention.ms").source()).isEqualTo(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG);
        assertFailsWith(() -> admin.incrementalAlterConfigs(Map.of(topic, List.of(set("retention.ms", "x"))),
                new AlterConfigsOptions().validateOnly(true)).all().get(), InvalidConfigurationException.class);
    }

    @Test
    void topicConfigChangesReachThePartitionLogs() throws Exception {
        createTopic("live");
        PartitionLog log = broker.broker().services().partitions().partition(new TopicPartition("live", 0))
                .orElseThrow().log();
        admin.incrementalAlterConfigs(Map.of(topic("live"), List.of(set("segment.bytes", "1048576"),
                set("max.message.bytes", "2048")))).all().get();
        assertThat(log.config().segmentBytes()).isEqualTo(1_048_576);
        assertThat(log.config().maxMessageBytes()).isEqualTo(2048);

        // A cluster-wide default reaches every topic without its own override.
        admin.incrementalAlterConfigs(Map.of(broker(""), List.of(set("log.segment.bytes", "2097152")))).all().get();
        PartitionLog other = broker.broker().services().partitions()
                .partition(new TopicPartition(createTopic("live-default"), 0)).orElseThrow().log();
        assertThat(other.config().segmentBytes()).isEqualTo(2_097_152);
        assertThat(log.config().segmentBytes()).isEqualTo(1_048_576);
        admin.incrementalAlterConfigs(Map.of(broker(""), List.of(new AlterConfigOp(
                new ConfigEntry("log.segment.bytes", null), AlterConfigOp.OpType.DELETE)))).all().get();
        assertThat(other.config().segmentBytes()).isEqualTo(io.streambus.storage.LogConfig.DEFAULT_SEGMENT_BYTES);
    }

    @Test
    void legacyAlterConfigsReplacesAllOverrides() throws Exception {
        createTopic("legacy");
        admin.incrementalAlterConfigs(Map.of(topic("legacy"), List.of(set("retention.ms", "1000"),
                set("segment.ms", "600000")))).all().get();
        try (RawRequests raw = new RawRequests(TopicAdminTestPort.of(broker))) {
            AlterConfigsRequestData request = new AlterConfigsRequestData();
            AlterConfigsRequestData.AlterConfigsResource resource = new AlterConfigsRequestData.AlterConfigsResource()
                    .setResourceType(ConfigResource.Type.TOPIC.id()).setResourceName("legacy");
            resource.configs().add(new AlterConfigsRequestData.AlterableConfig().setName("retention.ms")
                    .setValue("2000"));
            request.resources().add(resource);
            request.resources().add(new AlterConfigsRequestData.AlterConfigsResource()
                    .setResourceType(ConfigResource.Type.TOPIC.id()).setResourceName("missing"));
            AlterConfigsResponseData response = raw.send(ApiKeys.ALTER_CONFIGS, 2, request);
            assertThat(response.responses()).extracting(r -> r.resourceName(), r -> r.errorCode()).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("legacy", Errors.NONE.code()),
                    org.assertj.core.groups.Tuple.tuple("missing", Errors.UNKNOWN_TOPIC_OR_PARTITION.code()));

            AlterConfigsRequestData bad = new AlterConfigsRequestData();
            AlterConfigsRequestData.AlterConfigsResource badResource = new AlterConfigsRequestData.AlterConfigsResource()
                    .setResourceType(ConfigResource.Type.TOPIC.id()).setResourceName("legacy");
            badResource.configs().add(new AlterConfigsRequestData.AlterableConfig().setName("retention.ms")
                    .setValue("never"));
            bad.resources().add(badResource);
            AlterConfigsResponseData badResponse = raw.send(ApiKeys.ALTER_CONFIGS, 0, bad);
            assertThat(badResponse.responses().getFirst().errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
            assertThat(badResponse.responses().getFirst().errorMessage()).contains("retention.ms");
        }
        Config config = describe(topic("legacy"));
        assertThat(config.get("retention.ms").value()).isEqualTo("2000");
        assertThat(config.get("segment.ms").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
    }

    @Test
    void describesThisBrokerAndTheClusterDefaults() throws Exception {
        Config self = admin.describeConfigs(List.of(broker("1")), new DescribeConfigsOptions().includeSynonyms(true))
                .all().get().get(broker("1"));
        assertThat(self.get("log.retention.hours").value()).isEqualTo("48");
        assertThat(self.get("log.retention.hours").source()).isEqualTo(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(self.get("log.dirs").isReadOnly()).isTrue();
        assertThat(self.get("num.partitions").isReadOnly()).isFalse();
        assertThat(self.get("num.partitions").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);

        admin.incrementalAlterConfigs(Map.of(broker(""), List.of(set("log.retention.bytes", "1000000")))).all().get();
        Config defaults = admin.describeConfigs(List.of(broker(""))).all().get().get(broker(""));
        assertThat(defaults.entries()).extracting(ConfigEntry::name, ConfigEntry::value, ConfigEntry::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("log.retention.bytes", "1000000",
                        ConfigEntry.ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG));
        admin.incrementalAlterConfigs(Map.of(broker("1"), List.of(set("log.retention.bytes", "2000000")))).all().get();
        ConfigEntry perBroker = admin.describeConfigs(List.of(broker("1"))).all().get().get(broker("1"))
                .get("log.retention.bytes");
        assertThat(perBroker.value()).isEqualTo("2000000");
        assertThat(perBroker.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_BROKER_CONFIG);

        // Admin sends a broker resource to that broker, so another broker's id is only reachable by a raw request.
        try (RawRequests raw = new RawRequests(TopicAdminTestPort.of(broker))) {
            DescribeConfigsRequestData request = new DescribeConfigsRequestData();
            request.resources().add(new DescribeConfigsRequestData.DescribeConfigsResource()
                    .setResourceType(ConfigResource.Type.BROKER.id()).setResourceName("2"));
            DescribeConfigsResponseData response = raw.send(ApiKeys.DESCRIBE_CONFIGS, 4, request);
            assertThat(response.results().getFirst().errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
            assertThat(response.results().getFirst().configs()).isEmpty();
        }
    }

    @Test
    void rejectsReadOnlyAndUnknownBrokerChanges() throws Exception {
        assertThatThrownBy(() -> admin.incrementalAlterConfigs(Map.of(broker("1"),
                List.of(set("auto.create.topics.enable", "false")))).all().get())
                .cause().isInstanceOf(InvalidRequestException.class).hasMessageContaining("auto.create.topics.enable");
        assertFailsWith(() -> admin.incrementalAlterConfigs(Map.of(broker(""), List.of(set("num.partitions", "0"))))
                .all().get(), InvalidConfigurationException.class);
        try (RawRequests raw = new RawRequests(TopicAdminTestPort.of(broker))) {
            IncrementalAlterConfigsRequestData request = new IncrementalAlterConfigsRequestData();
            IncrementalAlterConfigsRequestData.AlterConfigsResource resource =
                    new IncrementalAlterConfigsRequestData.AlterConfigsResource()
                            .setResourceType(ConfigResource.Type.BROKER.id()).setResourceName("7");
            resource.configs().add(new IncrementalAlterConfigsRequestData.AlterableConfig().setName("num.partitions")
                    .setConfigOperation(AlterConfigOp.OpType.SET.id()).setValue("3"));
            request.resources().add(resource);
            request.resources().add(new IncrementalAlterConfigsRequestData.AlterConfigsResource()
                    .setResourceType((byte) 8).setResourceName("1"));
            IncrementalAlterConfigsResponseData response = raw.send(ApiKeys.INCREMENTAL_ALTER_CONFIGS, 1, request);
            assertThat(response.responses()).extracting(r -> r.errorCode()).containsExactly(
                    Errors.BROKER_ID_NOT_REGISTERED.code(), Errors.INVALID_REQUEST.code());
        }
    }

    @Test
    void clusterDefaultPartitionCountAppliesToNewTopics() throws Exception {
        admin.incrementalAlterConfigs(Map.of(broker(""), List.of(set("num.partitions", "3")))).all().get();
        try {
            admin.createTopics(List.of(new NewTopic("three", java.util.Optional.empty(), java.util.Optional.empty())))
                    .all().get();
            assertThat(admin.describeTopics(List.of("three")).allTopicNames().get().get("three").partitions())
                    .hasSize(3);
        } finally {
            admin.incrementalAlterConfigs(Map.of(broker(""), List.of(new AlterConfigOp(
                    new ConfigEntry("num.partitions", null), AlterConfigOp.OpType.DELETE)))).all().get();
        }
    }

    private static String createTopic(String name) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        return name;
    }

    private static Config describe(ConfigResource resource) throws Exception {
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }

    private static ConfigResource topic(String name) {
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }

    private static ConfigResource broker(String name) {
        return new ConfigResource(ConfigResource.Type.BROKER, name);
    }

    private static AlterConfigOp set(String key, String value) {
        return new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET);
    }

    /** The listener port of a test broker, for raw requests. */
    static final class TopicAdminTestPort {
        static int of(TestBroker broker) {
            return broker.broker().boundPort(TestBroker.LISTENER);
        }
    }
}
