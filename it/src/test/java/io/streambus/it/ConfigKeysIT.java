package io.streambus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streambus.broker.Broker;
import io.streambus.broker.coordinator.group.GroupCoordinatorConfig;
import io.streambus.broker.coordinator.transaction.TransactionCoordinatorConfig;
import io.streambus.broker.network.ConnectionLimits;
import io.streambus.broker.partition.Partition;
import io.streambus.broker.partition.ProducePolicy;
import io.streambus.it.support.InProcessBroker;
import io.streambus.metadata.config.TopicConfigs;
import io.streambus.server.config.ServerConfig;
import io.streambus.server.config.ServerConfigException;
import io.streambus.server.config.ServerConfigLoader;
import io.streambus.server.config.ServerConfigs;
import io.streambus.storage.CleanupConfig;
import io.streambus.storage.LogConfig;
import io.streambus.storage.LogManagerConfig;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicDeletionDisabledException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every config key StreamBus declares (broker, server and topic keys): each one either takes effect or
 * is refused with "not supported yet", never accepted and ignored. A key declared without a row in one of the
 * tables below fails {@link #everyDeclaredKeyIsWalked}, so a new key cannot land unchecked.
 *
 * <p>"Takes effect" is checked at the boundary where StreamBus hands the value to the component that acts on
 * it (the partition's storage {@link LogConfig}, its {@link ProducePolicy}, the coordinators' configs, the
 * network's limits), or by behaviour a client sees (Metadata, DescribeCluster, errors, closed connections).
 * What each component then does with its value is tested beside it.
 */
class ConfigKeysIT {

    /** Values StreamBus cannot honour yet: refused at start-up (broker keys) and by CreateTopics (topic keys). */
    private static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("queued.max.requests", "100"),
            Map.entry("compression.type", "zstd"),
            Map.entry("preallocate", "true"),
            Map.entry("log.preallocate", "true"),
            Map.entry("flush.messages", "1"),
            Map.entry("log.flush.interval.messages", "1"),
            Map.entry("segment.jitter.ms", "1000"),
            Map.entry("log.roll.jitter.ms", "1000"),
            Map.entry("log.roll.jitter.hours", "1"),
            Map.entry("unclean.leader.election.enable", "true"),
            Map.entry("file.delete.delay.ms", "1000"),
            Map.entry("controller.quorum.bootstrap.servers", "127.0.0.1:9093"));

    /** Every topic config with a non-default value, and where the partition shows it. */
    private static final Map<String, TopicCheck> TOPIC_CHECKS = new LinkedHashMap<>();
    /** Broker defaults of topic configs, set at start-up, and where a topic without overrides shows them. */
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();
    private static final Map<String, TopicCheck> DEFAULT_CHECKS = new LinkedHashMap<>();
    /** Every broker key set at start-up to a non-default value, and where the broker shows it. */
    private static final Map<String, BrokerCheck> BROKER_CHECKS = new LinkedHashMap<>();

    private record TopicCheck(String value, Function<Partition, Object> actual, Object expected) {
    }

    private record BrokerCheck(String value, Function<Broker, Object> actual, Object expected) {
    }

    static {
        topic("cleanup.policy", "compact", p -> log(p).cleanup().compact() && !log(p).cleanup().delete(), true);
        topic("delete.retention.ms", "1234", p -> cleanup(p).deleteRetentionMs(), 1234L);
        topic("flush.ms", "321", p -> log(p).flushIntervalMs(), 321L);
        topic("flush.policy", "interval", p -> log(p).durability().name(), "INTERVAL");
        topic("index.interval.bytes", "777", p -> log(p).indexIntervalBytes(), 777);
        topic("max.compaction.lag.ms", "86400001", p -> cleanup(p).maxCompactionLagMs(), 86_400_001L);
        topic("max.message.bytes", "65536", p -> log(p).maxMessageBytes(), 65_536);
        topic("message.timestamp.type", "LogAppendTime", p -> log(p).timestampType().name, "LogAppendTime");
        topic("message.timestamp.before.max.ms", "60000", p -> p.producePolicy().timestampBeforeMaxMs(), 60_000L);
        topic("message.timestamp.after.max.ms", "120000", p -> p.producePolicy().timestampAfterMaxMs(), 120_000L);
        topic("min.cleanable.dirty.ratio", "0.25", p -> cleanup(p).minCleanableDirtyRatio(), 0.25);
        topic("min.compaction.lag.ms", "99", p -> cleanup(p).minCompactionLagMs(), 99L);
        topic("min.insync.replicas", "1", p -> p.producePolicy().minInsyncReplicas(), 1);
        topic("retention.bytes", "1048576", p -> cleanup(p).retentionBytes(), 1_048_576L);
        topic("retention.ms", "3600000", p -> cleanup(p).retentionMs(), 3_600_000L);
        topic("segment.bytes", "1048576", p -> log(p).segmentBytes(), 1_048_576);
        topic("segment.index.bytes", "65536", p -> log(p).segmentIndexBytes(), 65_536);
        topic("segment.ms", "600000", p -> log(p).segmentMs(), 600_000L);

        // Broker defaults of topic configs: the topic created without overrides takes them.
        partitionDefault("log.cleanup.policy", "compact,delete", p -> log(p).cleanup().compact(), true);
        partitionDefault("log.cleaner.delete.retention.ms", "4321", p -> cleanup(p).deleteRetentionMs(), 4321L);
        partitionDefault("log.flush.interval.ms", "654", p -> log(p).flushIntervalMs(), 654L);
        partitionDefault("log.flush.policy", "none", p -> log(p).durability().name(), "NONE");
        partitionDefault("log.index.interval.bytes", "888", p -> log(p).indexIntervalBytes(), 888);
        partitionDefault("log.cleaner.max.compaction.lag.ms", "86400002", p -> cleanup(p).maxCompactionLagMs(),
                86_400_002L);
        partitionDefault("message.max.bytes", "70000", p -> log(p).maxMessageBytes(), 70_000);
        partitionDefault("log.message.timestamp.type", "LogAppendTime", p -> log(p).timestampType().name,
                "LogAppendTime");
        partitionDefault("log.message.timestamp.before.max.ms", "70000",
                p -> p.producePolicy().timestampBeforeMaxMs(), 70_000L);
        partitionDefault("log.message.timestamp.after.max.ms", "130000",
                p -> p.producePolicy().timestampAfterMaxMs(), 130_000L);
        partitionDefault("log.cleaner.min.cleanable.ratio", "0.75", p -> cleanup(p).minCleanableDirtyRatio(), 0.75);
        partitionDefault("log.cleaner.min.compaction.lag.ms", "98", p -> cleanup(p).minCompactionLagMs(), 98L);
        partitionDefault("min.insync.replicas", "2", p -> p.producePolicy().minInsyncReplicas(), 2);
        partitionDefault("log.retention.bytes", "2097152", p -> cleanup(p).retentionBytes(), 2_097_152L);
        // The ms key wins over minutes and hours, as in Kafka; each coarser unit is checked on its own below.
        partitionDefault("log.retention.ms", "7200000", p -> cleanup(p).retentionMs(), 7_200_000L);
        partitionDefault("log.segment.bytes", "2097152", p -> log(p).segmentBytes(), 2_097_152);
        partitionDefault("log.index.size.max.bytes", "131072", p -> log(p).segmentIndexBytes(), 131_072);
        partitionDefault("log.roll.ms", "900000", p -> log(p).segmentMs(), 900_000L);
        partitionDefault("producer.id.expiration.ms", "120000", p -> log(p).producerIdExpirationMs(), 120_000L);

        broker("node.id", "7", b -> b.config().nodeId(), 7);
        broker("broker.rack", "rack-a", null, null); // checked by what clients see, below
        broker("num.partitions", "3", null, null);
        broker("default.replication.factor", "2", null, null);
        broker("auto.create.topics.enable", "false", null, null);
        broker("delete.topic.enable", "false", null, null);
        broker("socket.request.max.bytes", "1048576", b -> b.config().network().requestMaxBytes(), 1_048_576);
        broker("queued.max.request.bytes", "67108864", b -> b.config().network().queuedMaxRequestBytes(),
                67_108_864L);
        broker("connections.max.idle.ms", "120000", b -> b.config().network().connectionLimits(),
                new ConnectionLimits(500, 120_000L));
        broker("max.connections", "500", b -> b.config().network().connectionLimits().maxConnections(), 500);
        broker("offsets.topic.num.partitions", "3", b -> groups(b).offsetsTopicPartitions(), 3);
        broker("offsets.topic.replication.factor", "1", b -> groups(b).offsetsTopicReplicationFactor(), (short) 1);
        broker("offset.metadata.max.bytes", "100", b -> groups(b).offsetMetadataMaxBytes(), 100);
        broker("offsets.retention.minutes", "5", b -> groups(b).offsetsRetentionMs(), 300_000L);
        broker("offsets.retention.check.interval.ms", "1234", b -> groups(b).offsetsRetentionCheckIntervalMs(),
                1234L);
        broker("group.min.session.timeout.ms", "1000", b -> groups(b).minSessionTimeoutMs(), 1000);
        broker("group.max.session.timeout.ms", "90000", b -> groups(b).maxSessionTimeoutMs(), 90_000);
        broker("group.max.size", "20", b -> groups(b).maxGroupSize(), 20);
        broker("group.initial.rebalance.delay.ms", "10", b -> groups(b).initialRebalanceDelayMs(), 10);
        broker("group.consumer.session.timeout.ms", "30000", b -> groups(b).consumerSessionTimeoutMs(), 30_000);
        broker("group.consumer.heartbeat.interval.ms", "500", b -> groups(b).consumerHeartbeatIntervalMs(), 500);
        broker("group.consumer.max.size", "21", b -> groups(b).consumerMaxGroupSize(), 21);
        broker("transaction.state.log.num.partitions", "4", b -> txns(b).stateTopicPartitions(), 4);
        broker("transaction.state.log.replication.factor", "1", b -> txns(b).stateTopicReplicationFactor(),
                (short) 1);
        broker("transaction.max.timeout.ms", "600000", b -> txns(b).maxTimeoutMs(), 600_000);
        broker("transaction.abort.timed.out.transaction.cleanup.interval.ms", "5000",
                b -> txns(b).abortTimedOutCheckIntervalMs(), 5000);
        broker("transactional.id.expiration.ms", "3600000", b -> txns(b).transactionalIdExpirationMs(), 3_600_000);
        broker("metadata.snapshot.interval.records", "3", null, null); // checked by the snapshot files, below
        broker("log.retention.check.interval.ms", "4567", b -> logs(b).retentionCheckIntervalMs(), 4567L);
        broker("log.segment.delete.delay.ms", "1500", b -> logs(b).fileDeleteDelayMs(), 1500L);
        broker("log.cleaner.enable", "false", b -> logs(b).cleaner().enabled(), false);
        broker("log.cleaner.threads", "2", b -> logs(b).cleaner().threads(), 2);
        broker("log.cleaner.io.max.bytes.per.second", "1048576", b -> logs(b).cleaner().ioMaxBytesPerSecond(),
                1_048_576.0);
        broker("log.cleaner.dedupe.buffer.size", "4194304", b -> logs(b).cleaner().dedupeBufferBytes(), 4_194_304L);
        broker("log.cleaner.backoff.ms", "2500", b -> logs(b).cleaner().backoffMs(), 2500L);
    }

    /**
     * Keys whose effect this class cannot observe in a running broker and that are checked elsewhere: the name
     * of the test that does, so the row is a pointer a reader can follow.
     */
    private static final Map<String, String> CHECKED_ELSEWHERE = Map.ofEntries(
            Map.entry("log.dirs", "every broker of this class: its data lands in the configured directory"),
            Map.entry("listeners", "every broker of this class binds it; ServerConfigLoaderTest for the refused protocols"),
            Map.entry("advertised.listeners", "advertisedListenersReachClients, below"),
            Map.entry("log.retention.minutes", "coarserRetentionUnitsTakeEffect, below"),
            Map.entry("log.retention.hours", "coarserRetentionUnitsTakeEffect, below"),
            Map.entry("log.roll.hours", "coarserRetentionUnitsTakeEffect, below"),
            Map.entry("broker.session.timeout.ms", "BrokerMembershipTest: fenced after exactly this long without heartbeats"),
            Map.entry("broker.heartbeat.interval.ms", "BrokerMembershipTest: no heartbeat within the interval keeps it fenced"),
            Map.entry("process.roles", "cluster/ClusterIT runs broker,controller nodes; ControllerQuorumTest refuses other roles"),
            Map.entry("controller.quorum.voters", "cluster/ClusterIT: three voters form the quorum; ControllerQuorumTest"),
            Map.entry("controller.listener.names", "cluster/ClusterIT: the CONTROLLER listener carries Raft; ControllerQuorumTest"),
            Map.entry("streambus.log.level", "StreamBusServer applies it through LogLevels at start (LogLevelsTest)"),
            Map.entry("streambus.shutdown.timeout.ms", "StreamBusServer's shutdown bound (StreamBusServerTest)"));

    @TempDir
    static Path workDir;
    static InProcessBroker broker;
    static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        List<String> settings = Stream.concat(
                        BROKER_CHECKS.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().value()),
                        DEFAULTS.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()))
                .toList();
        broker = InProcessBroker.start(workDir.resolve("data"), settings.toArray(String[]::new));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()));
        Map<String, String> overrides = TOPIC_CHECKS.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().value()));
        admin.createTopics(List.of(new NewTopic("every-override", 1, (short) 1).configs(overrides),
                new NewTopic("broker-defaults", 1, (short) 1))).all().get();
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyDeclaredKeyIsWalked() {
        Set<String> declared = new HashSet<>();
        ServerConfigs.definition().keys().forEach(key -> declared.add(key.name()));
        TopicConfigs.definition().keys().forEach(key -> declared.add(key.name()));
        Set<String> walked = new HashSet<>(REFUSED.keySet());
        walked.addAll(TOPIC_CHECKS.keySet());
        walked.addAll(BROKER_CHECKS.keySet());
        walked.addAll(DEFAULTS.keySet());
        walked.addAll(CHECKED_ELSEWHERE.keySet());
        assertThat(walked).as("declared keys with no effect check and no refusal here").containsAll(declared);
        assertThat(declared).as("rows for keys that are no longer declared").containsAll(walked);
    }

    @Test
    void valuesNotSupportedYetAreRefusedNamingTheKey() throws Exception {
        for (Map.Entry<String, String> refused : REFUSED.entrySet()) {
            String key = refused.getKey();
            if (ServerConfigs.definition().contains(key)) {
                assertThatThrownBy(() -> new ServerConfigLoader().set(key + "=" + refused.getValue()).load())
                        .as(key).isInstanceOfSatisfying(ServerConfigException.class,
                                e -> assertThat(e.key()).isEqualTo(key))
                        .hasMessageContaining("not supported yet");
            }
            if (TopicConfigs.definition().contains(key)) {
                NewTopic topic = new NewTopic("refused-" + key.replace('.', '-'), 1, (short) 1)
                        .configs(Map.of(key, refused.getValue()));
                assertThatThrownBy(() -> admin.createTopics(List.of(topic)).all().get()).as(key)
                        .hasCauseInstanceOf(InvalidConfigurationException.class)
                        .hasMessageContaining(key).hasMessageContaining("not supported yet");
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "broker-defaults");
                assertThatThrownBy(() -> admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                        new ConfigEntry(key, refused.getValue()), AlterConfigOp.OpType.SET)))).all().get()).as(key)
                        .hasCauseInstanceOf(InvalidConfigurationException.class);
            }
        }
    }

    @Test
    void topicConfigsReachThePartition() {
        Partition partition = partition("every-override");
        TOPIC_CHECKS.forEach((key, check) ->
                assertThat(check.actual().apply(partition)).as(key).isEqualTo(check.expected()));
    }

    @Test
    void brokerDefaultsOfTopicConfigsReachThePartitionOfATopicWithoutOverrides() {
        Partition partition = partition("broker-defaults");
        DEFAULT_CHECKS.forEach((key, check) ->
                assertThat(check.actual().apply(partition)).as(key).isEqualTo(check.expected()));
    }

    @Test
    void brokerKeysReachTheComponentsThatEnforceThem() {
        BROKER_CHECKS.forEach((key, check) -> {
            if (check.actual() != null) { // the others are checked by behaviour in the tests below
                assertThat(check.actual().apply(broker.broker())).as(key).isEqualTo(check.expected());
            }
        });
    }

    @Test
    void clientsSeeTheNodeIdAndRack() throws Exception {
        List<Node> nodes = List.copyOf(admin.describeCluster().nodes().get());
        assertThat(nodes).singleElement().satisfies(node -> {
            assertThat(node.id()).isEqualTo(7);
            assertThat(node.rack()).isEqualTo("rack-a");
        });
        assertThat(admin.describeCluster().controller().get().id()).isEqualTo(7);
    }

    @Test
    void topicDefaultsAndDeletionFollowTheBrokerKeys() throws Exception {
        admin.createTopics(List.of(new NewTopic("default-count", Optional.empty(), Optional.of((short) 1))))
                .all().get();
        assertThat(admin.describeTopics(List.of("default-count")).allTopicNames().get().get("default-count")
                .partitions()).hasSize(3);
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("default-rf", Optional.of(1),
                Optional.empty()))).all().get()).hasCauseInstanceOf(InvalidReplicationFactorException.class);
        assertThatThrownBy(() -> admin.deleteTopics(List.of("default-count")).all().get())
                .hasCauseInstanceOf(TopicDeletionDisabledException.class);
    }

    @Test
    void unknownTopicsAreNotCreatedWhenAutoCreationIsOff() throws Exception {
        Map<String, Object> consumer = Map.of("bootstrap.servers", broker.bootstrap(),
                "key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer",
                "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer",
                "allow.auto.create.topics", "true", "default.api.timeout.ms", "1500");
        try (var client = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(consumer)) {
            assertThat(client.partitionsFor("never-created")).isEmpty();
        }
        assertThat(admin.listTopics().names().get()).doesNotContain("never-created");
    }

    @Test
    void framesAboveSocketRequestMaxBytesCloseTheConnection() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", broker.port()), 5_000);
            socket.setSoTimeout(10_000);
            new DataOutputStream(socket.getOutputStream()).writeInt(1_048_577);
            InputStream in = socket.getInputStream();
            int read;
            try {
                read = in.read();
            } catch (java.net.SocketException reset) {
                read = -1; // closed with a reset: just as closed
            }
            assertThat(read).as("end of stream: the broker closed the connection").isEqualTo(-1);
        }
    }

    @Test
    void metadataSnapshotsFollowTheIntervalKey() throws Exception {
        // Three topics are at least three metadata records past the last snapshot.
        admin.createTopics(List.of(new NewTopic("snap-1", 1, (short) 1), new NewTopic("snap-2", 1, (short) 1),
                new NewTopic("snap-3", 1, (short) 1))).all().get();
        await().untilAsserted(() -> {
            try (Stream<Path> files = Files.walk(broker.dataDir())) {
                assertThat(files.filter(f -> f.getFileName().toString().startsWith("snapshot-"))).isNotEmpty();
            }
        });
    }

    @Test
    void coarserRetentionUnitsTakeEffect() {
        ServerConfig minutes = new ServerConfigLoader().set("log.retention.minutes=30").set("log.roll.hours=2").load();
        var resolver = new io.streambus.metadata.config.ConfigResolver(1, minutes.staticBrokerConfigs());
        var effective = resolver.resolveTopic(io.streambus.metadata.image.MetadataImage.EMPTY, Map.of());
        assertThat(effective.value(TopicConfigs.RETENTION_MS)).isEqualTo(30 * 60_000L);
        assertThat(effective.value(TopicConfigs.SEGMENT_MS)).isEqualTo(2 * 3_600_000L);
        ServerConfig hours = new ServerConfigLoader().set("log.retention.hours=5").load();
        assertThat(new io.streambus.metadata.config.ConfigResolver(1, hours.staticBrokerConfigs())
                .resolveTopic(io.streambus.metadata.image.MetadataImage.EMPTY, Map.of())
                .value(TopicConfigs.RETENTION_MS)).isEqualTo(5 * 3_600_000L);
    }

    @Test
    void advertisedListenersReachClients() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (InProcessBroker advertised = InProcessBroker.start(workDir.resolve("advertised"),
                "listeners=PLAINTEXT://127.0.0.1:" + port, "advertised.listeners=PLAINTEXT://localhost:" + port);
             Admin client = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, advertised.bootstrap()))) {
            assertThat(client.describeCluster().nodes().get()).singleElement()
                    .extracting(Node::host).isEqualTo("localhost");
        }
    }

    private static void topic(String key, String value, Function<Partition, Object> actual, Object expected) {
        TOPIC_CHECKS.put(key, new TopicCheck(value, actual, expected));
    }

    private static void partitionDefault(String key, String value, Function<Partition, Object> actual,
                                         Object expected) {
        DEFAULTS.put(key, value);
        DEFAULT_CHECKS.put(key, new TopicCheck(value, actual, expected));
    }

    private static void broker(String key, String value, Function<Broker, Object> actual, Object expected) {
        BROKER_CHECKS.put(key, new BrokerCheck(value, actual, expected));
    }

    private static Partition partition(String topic) {
        return broker.broker().services().partitions().partition(new TopicPartition(topic, 0)).orElseThrow();
    }

    private static LogConfig log(Partition partition) {
        return partition.log().config();
    }

    private static CleanupConfig cleanup(Partition partition) {
        return partition.log().config().cleanup();
    }

    private static GroupCoordinatorConfig groups(Broker b) {
        return b.services().groupCoordinator().config();
    }

    private static TransactionCoordinatorConfig txns(Broker b) {
        return b.services().transactionCoordinator().config();
    }

    private static LogManagerConfig logs(Broker b) {
        return b.config().logManager();
    }
}
