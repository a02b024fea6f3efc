package io.streambus.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streambus.it.support.BrokerProcess;
import io.streambus.it.support.Clients;
import io.streambus.it.support.KafkaTool;
import io.streambus.it.support.RawKafkaClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AddRaftVoterOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.RaftVoterEndpoint;
import org.apache.kafka.clients.admin.RemoveRaftVoterOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.DuplicateVoterException;
import org.apache.kafka.common.errors.InconsistentClusterIdException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.VoterNotFoundException;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.tools.MetadataQuorumCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three StreamBus processes forming one cluster over a Ratis metadata quorum (each node broker and controller),
 * driven by unmodified kafka-clients: the cluster forms, a topic created through a node that is not the
 * controller is forwarded to it and seen by every node (as are partition, config and deletion changes sent to a
 * follower's socket) with its partitions spread over all three, records go
 * to each partition's leader and come back through a consumer group, the controller killed with SIGKILL is
 * replaced within seconds and metadata changes go on, a node stopped with SIGSTOP past its session timeout is
 * fenced and comes back unfenced after SIGCONT, and a killed node restarts into the cluster. Partitions are not
 * replicated yet (issue 14), so the test writes only while every node is up.
 */
class ClusterIT {

    private static final int NODES = 3;
    private static final Duration FAILOVER = Duration.ofSeconds(20);

    @TempDir
    Path workDir;
    private final Map<Integer, BrokerProcess> nodes = new HashMap<>();
    private final Map<Integer, Integer> controllerPorts = new HashMap<>();
    private Path logDir;

    @BeforeEach
    void startCluster(TestInfo test) throws Exception {
        // Kept after the run (the data directories are not): what each node logged is the post-mortem.
        logDir = Path.of("target", "cluster-logs", test.getTestMethod().orElseThrow().getName());
        java.nio.file.Files.createDirectories(logDir);
        try (var old = java.nio.file.Files.list(logDir)) {
            for (Path file : old.toList()) {
                java.nio.file.Files.delete(file);
            }
        }
        for (int id = 1; id <= NODES; id++) {
            controllerPorts.put(id, freePort());
        }
        Map<Integer, CompletableFuture<BrokerProcess>> starting = new HashMap<>();
        for (int id = 1; id <= NODES; id++) {
            starting.put(id, start(id));
        }
        for (Map.Entry<Integer, CompletableFuture<BrokerProcess>> node : starting.entrySet()) {
            nodes.put(node.getKey(), node.getValue().join());
        }
    }

    @AfterEach
    void stopCluster() {
        nodes.values().forEach(BrokerProcess::close);
    }

    @Test
    void formsTakesTopicsThroughAnyNodeAndSurvivesTheLossOfItsController() throws Exception {
        int controller;
        try (Admin admin = Clients.admin(nodes.get(2).bootstrap())) {
            DescribeClusterResult cluster = admin.describeCluster();
            assertThat(cluster.nodes().get()).extracting(Node::id).containsExactlyInAnyOrder(1, 2, 3);
            controller = cluster.controller().get().id();
            assertThat(controller).isBetween(1, NODES);
            QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get();
            assertThat(quorum.leaderId()).isEqualTo(controller);
            assertThat(quorum.voters()).extracting(QuorumInfo.ReplicaState::replicaId)
                    .containsExactlyInAnyOrder(1, 2, 3);
            // Whichever node Admin asks, the answer is the leader's, with every voter's progress.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                QuorumInfo latest = admin.describeMetadataQuorum().quorumInfo().get();
                assertThat(latest.voters()).allSatisfy(voter -> {
                    assertThat(voter.logEndOffset()).isEqualTo(latest.highWatermark());
                    assertThat(voter.lastCaughtUpTimestamp()).isPresent();
                });
            });

            int notController = controller == 1 ? 2 : 1;
            try (Admin viaFollower = Clients.admin(nodes.get(notController).bootstrap())) {
                viaFollower.createTopics(List.of(new NewTopic("spread", 6, (short) 1))).all().get();
            }
        }
        for (BrokerProcess node : nodes.values()) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(leaders(node, "spread")).hasSize(6).containsOnlyKeys(0, 1, 2, 3, 4, 5));
        }
        assertThat(new HashSet<>(leaders(nodes.get(1), "spread").values())).containsExactlyInAnyOrder(1, 2, 3);

        produceAndConsumeEverything("spread", 600);

        nodes.get(controller).kill();
        List<BrokerProcess> survivors = nodes.entrySet().stream().filter(e -> e.getKey() != controller)
                .map(Map.Entry::getValue).toList();
        String survivorBootstrap = survivors.stream().map(BrokerProcess::bootstrap).collect(Collectors.joining(","));
        try (Admin admin = Clients.admin(survivorBootstrap)) {
            await().atMost(FAILOVER).ignoreExceptions().untilAsserted(() ->
                    assertThat(admin.describeCluster().controller().get().id()).isNotEqualTo(controller)
                            .isNotEqualTo(-1));
            await().atMost(FAILOVER).ignoreExceptions().untilAsserted(() ->
                    admin.createTopics(List.of(new NewTopic("after-failover", 2, (short) 1))).all().get());
        }
        for (BrokerProcess survivor : survivors) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(leaders(survivor, "after-failover")).hasSize(2));
        }

        nodes.put(controller, start(controller).join());
        try (Admin admin = Clients.admin(nodes.get(controller).bootstrap())) {
            await().atMost(FAILOVER).untilAsserted(() -> assertThat(admin.describeCluster().nodes().get())
                    .extracting(Node::id).containsExactlyInAnyOrder(1, 2, 3));
            assertThat(admin.listTopics().names().get()).contains("spread", "after-failover");
        }
    }

    @Test
    void aPausedNodeIsFencedAndComesBackUnfencedWhenItResumes() throws Exception {
        int paused;
        try (Admin admin = Clients.admin(nodes.get(1).bootstrap())) {
            int controller = admin.describeCluster().controller().get().id();
            paused = controller == 3 ? 2 : 3;
        }
        String othersBootstrap = nodes.entrySet().stream().filter(e -> e.getKey() != paused)
                .map(e -> e.getValue().bootstrap()).collect(Collectors.joining(","));
        nodes.get(paused).signal("STOP");
        try (Admin admin = Clients.admin(othersBootstrap)) {
            // Fenced brokers are left out of Metadata and DescribeCluster, as in Kafka.
            await().atMost(FAILOVER).untilAsserted(() -> assertThat(admin.describeCluster().nodes().get())
                    .extracting(Node::id).doesNotContain(paused).hasSize(NODES - 1));
            nodes.get(paused).signal("CONT");
            await().atMost(FAILOVER).untilAsserted(() -> assertThat(admin.describeCluster().nodes().get())
                    .extracting(Node::id).containsExactlyInAnyOrder(1, 2, 3));
        }
    }

    /**
     * KIP-853 through Admin: a fourth node started outside {@code controller.quorum.voters} waits without a vote, is
     * added with AddRaftVoter (sent to whichever node Admin picks, forwarded to the leader), catches up, votes and
     * serves as a broker; RemoveRaftVoter makes it an observer that still follows the log. Bad voter changes get
     * Kafka's errors.
     */
    @Test
    void aNodeOutsideTheVotersJoinsWhenAddedAndBecomesAnObserverWhenRemoved() throws Exception {
        controllerPorts.put(4, freePort());
        CompletableFuture<BrokerProcess> joining = start(4);
        String bootstrap = nodes.values().stream().map(BrokerProcess::bootstrap).collect(Collectors.joining(","));
        try (Admin admin = Clients.admin(bootstrap)) {
            String clusterId = admin.describeCluster().clusterId().get();
            assertThat(admin.describeMetadataQuorum().quorumInfo().get().voters())
                    .extracting(QuorumInfo.ReplicaState::replicaId).containsExactlyInAnyOrder(1, 2, 3);
            Path joiningLog = logDir.resolve("node-4.log");
            await().atMost(FAILOVER).until(() -> java.nio.file.Files.exists(joiningLog)
                    && java.nio.file.Files.readString(joiningLog).contains("waiting to be added to the quorum"));
            assertThat(joining).isNotDone(); // not ready: it has no metadata until it is added

            admin.addRaftVoter(4, Uuid.ZERO_UUID, Set.of(new RaftVoterEndpoint("CONTROLLER", "127.0.0.1",
                    controllerPorts.get(4))), new AddRaftVoterOptions().setClusterId(Optional.of(clusterId)))
                    .all().get();
            nodes.put(4, joining.get(60, TimeUnit.SECONDS));
            await().atMost(FAILOVER).untilAsserted(() -> {
                QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get();
                assertThat(quorum.voters()).extracting(QuorumInfo.ReplicaState::replicaId)
                        .containsExactlyInAnyOrder(1, 2, 3, 4);
                assertThat(quorum.voters()).allSatisfy(voter ->
                        assertThat(voter.logEndOffset()).isEqualTo(quorum.highWatermark()));
                assertThat(admin.describeCluster().nodes().get()).extracting(Node::id)
                        .containsExactlyInAnyOrder(1, 2, 3, 4);
            });

            assertThatThrownBy(() -> admin.addRaftVoter(2, Uuid.ZERO_UUID, Set.of(new RaftVoterEndpoint("CONTROLLER",
                    "127.0.0.1", controllerPorts.get(2)))).all().get())
                    .hasCauseInstanceOf(DuplicateVoterException.class)
                    .hasMessageContaining("node 2 is already one of the voters [1, 2, 3, 4]");
            assertThatThrownBy(() -> admin.removeRaftVoter(9, Uuid.ZERO_UUID).all().get())
                    .hasCauseInstanceOf(VoterNotFoundException.class);
            assertThatThrownBy(() -> admin.removeRaftVoter(4, Uuid.randomUuid()).all().get())
                    .hasCauseInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("does not track voter directory ids");
            assertThatThrownBy(() -> admin.removeRaftVoter(4, Uuid.ZERO_UUID,
                    new RemoveRaftVoterOptions().setClusterId(Optional.of("another-cluster"))).all().get())
                    .hasCauseInstanceOf(InconsistentClusterIdException.class);

            // Kafka's own tool, as an operator removes a controller.
            KafkaTool.Result removed = KafkaTool.run(MetadataQuorumCommand::main, "--bootstrap-server", bootstrap,
                    "remove-controller", "--controller-id", "4", "--controller-directory-id", Uuid.ZERO_UUID.toString());
            assertThat(removed.exitCode()).as(removed.err()).isZero();
            assertThat(removed.out()).containsPattern("Removed +KRaft controller 4 with directory id " + Uuid.ZERO_UUID);
            KafkaTool.Result status = KafkaTool.run(MetadataQuorumCommand::main, "--bootstrap-server", bootstrap,
                    "describe", "--status");
            assertThat(status.out()).contains("CurrentObservers:       [{\"id\": 4}]");
            QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get();
            assertThat(quorum.voters()).extracting(QuorumInfo.ReplicaState::replicaId)
                    .containsExactlyInAnyOrder(1, 2, 3);
            assertThat(quorum.observers()).extracting(QuorumInfo.ReplicaState::replicaId).containsExactly(4);
            // The observer still follows the log: a topic created now is visible through it.
            admin.createTopics(List.of(new NewTopic("after-removal", 1, (short) 1))).all().get();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(leaders(nodes.get(4), "after-removal")).hasSize(1));
    }

    /**
     * Admin sends metadata changes to the controller Metadata names, so this test talks to a follower's socket
     * directly: each change must be forwarded, committed by the controller, and answered with the controller's
     * own result, errors included.
     */
    @Test
    void everyMetadataChangeSentToAFollowerIsForwardedToTheController() throws Exception {
        int follower;
        int third;
        try (Admin admin = Clients.admin(nodes.get(1).bootstrap())) {
            int controller = admin.describeCluster().controller().get().id();
            follower = controller == 1 ? 2 : 1;
            third = 6 - controller - follower;
        }
        try (RawKafkaClient viaFollower = new RawKafkaClient(port(nodes.get(follower)));
             Admin elsewhere = Clients.admin(nodes.get(third).bootstrap())) {
            CreateTopicsRequestData.CreatableTopicCollection topics = new CreateTopicsRequestData.CreatableTopicCollection();
            topics.add(new CreateTopicsRequestData.CreatableTopic().setName("forwarded").setNumPartitions(2)
                    .setReplicationFactor((short) 1));
            CreateTopicsResponseData created = (CreateTopicsResponseData) viaFollower.send(ApiKeys.CREATE_TOPICS,
                    (short) 7, new CreateTopicsRequestData().setTopics(topics).setTimeoutMs(30_000));
            assertThat(created.topics().find("forwarded").errorCode()).isEqualTo(Errors.NONE.code());

            CreatePartitionsResponseData grown = (CreatePartitionsResponseData) viaFollower.send(
                    ApiKeys.CREATE_PARTITIONS, (short) 3, createPartitions("forwarded", 4));
            assertThat(grown.results()).singleElement().satisfies(r -> assertThat(r.errorCode()).isZero());
            CreatePartitionsResponseData shrunk = (CreatePartitionsResponseData) viaFollower.send(
                    ApiKeys.CREATE_PARTITIONS, (short) 3, createPartitions("forwarded", 3));
            assertThat(shrunk.results()).singleElement().satisfies(r -> {
                assertThat(Errors.forCode(r.errorCode())).isEqualTo(Errors.INVALID_PARTITIONS);
                assertThat(r.errorMessage()).contains("4");
            });

            AlterConfigsRequestData.AlterConfigsResourceCollection legacy = new AlterConfigsRequestData
                    .AlterConfigsResourceCollection();
            AlterConfigsRequestData.AlterConfigsResource legacyTopic = new AlterConfigsRequestData.AlterConfigsResource()
                    .setResourceType(ConfigResource.Type.TOPIC.id()).setResourceName("forwarded");
            legacyTopic.configs().add(new AlterConfigsRequestData.AlterableConfig().setName("retention.ms")
                    .setValue("86400000"));
            legacy.add(legacyTopic);
            AlterConfigsResponseData replaced = (AlterConfigsResponseData) viaFollower.send(ApiKeys.ALTER_CONFIGS,
                    (short) 2, new AlterConfigsRequestData().setResources(legacy));
            assertThat(replaced.responses()).singleElement().satisfies(r -> assertThat(r.errorCode()).isZero());

            IncrementalAlterConfigsRequestData.AlterConfigsResourceCollection incremental = new
                    IncrementalAlterConfigsRequestData.AlterConfigsResourceCollection();
            IncrementalAlterConfigsRequestData.AlterConfigsResource incrementalTopic = new
                    IncrementalAlterConfigsRequestData.AlterConfigsResource()
                    .setResourceType(ConfigResource.Type.TOPIC.id()).setResourceName("forwarded");
            incrementalTopic.configs().add(new IncrementalAlterConfigsRequestData.AlterableConfig()
                    .setName("cleanup.policy").setConfigOperation((byte) 0).setValue("compact"));
            incremental.add(incrementalTopic);
            IncrementalAlterConfigsResponseData altered = (IncrementalAlterConfigsResponseData) viaFollower.send(
                    ApiKeys.INCREMENTAL_ALTER_CONFIGS, (short) 1,
                    new IncrementalAlterConfigsRequestData().setResources(incremental));
            assertThat(altered.responses()).singleElement().satisfies(r -> assertThat(r.errorCode()).isZero());

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(leaders(nodes.get(third), "forwarded")).hasSize(4);
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "forwarded");
                Config config = elsewhere.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(config.get("retention.ms").value()).isEqualTo("86400000");
                assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            });

            DeleteTopicsRequestData delete = new DeleteTopicsRequestData().setTimeoutMs(30_000);
            delete.topics().add(new DeleteTopicsRequestData.DeleteTopicState().setName("forwarded"));
            delete.topics().add(new DeleteTopicsRequestData.DeleteTopicState().setName("never-created"));
            DeleteTopicsResponseData deleted = (DeleteTopicsResponseData) viaFollower.send(ApiKeys.DELETE_TOPICS,
                    (short) 6, delete);
            assertThat(deleted.responses().find("forwarded").errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(Errors.forCode(deleted.responses().find("never-created").errorCode()))
                    .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
            for (BrokerProcess node : nodes.values()) {
                try (Admin admin = Clients.admin(node.bootstrap())) {
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                            assertThat(admin.listTopics().names().get()).doesNotContain("forwarded"));
                }
            }
        }
    }

    private static CreatePartitionsRequestData createPartitions(String topic, int count) {
        CreatePartitionsRequestData request = new CreatePartitionsRequestData().setTimeoutMs(30_000);
        request.topics().add(new CreatePartitionsRequestData.CreatePartitionsTopic().setName(topic).setCount(count)
                .setAssignments(null));
        return request;
    }

    private static int port(BrokerProcess node) {
        String bootstrap = node.bootstrap();
        return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    }

    private void produceAndConsumeEverything(String topic, int count) throws Exception {
        String bootstrap = nodes.values().stream().map(BrokerProcess::bootstrap).collect(Collectors.joining(","));
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap)) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(producer.send(new ProducerRecord<>(topic, ("key-" + i).getBytes(), ("value-" + i).getBytes())));
            }
            for (java.util.concurrent.Future<?> future : sent) {
                future.get();
            }
        }
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(bootstrap, Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "cluster-group", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    assertThat(seen.add(new String(record.key()))).as("duplicate %s", new String(record.key())).isTrue();
                }
            }
            consumer.commitSync();
        }
        assertThat(seen).hasSize(count);
    }

    /** Partition to leader, as the given node's Metadata answers. */
    private static Map<Integer, Integer> leaders(BrokerProcess node, String topic) throws Exception {
        try (Admin admin = Clients.admin(node.bootstrap())) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<Integer, Integer> leaders = new HashMap<>();
            for (TopicPartitionInfo partition : description.partitions()) {
                leaders.put(partition.partition(), partition.leader() == null ? -1 : partition.leader().id());
            }
            return leaders;
        }
    }

    private CompletableFuture<BrokerProcess> start(int id) {
        String voters = controllerPorts.entrySet().stream().filter(e -> e.getKey() <= NODES)
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "@127.0.0.1:" + e.getValue()).collect(Collectors.joining(","));
        return BrokerProcess.startInBackground(workDir.resolve("node-" + id), logDir.resolve("node-" + id + ".log"),
                "node.id=" + id, "process.roles=broker,controller", "controller.quorum.voters=" + voters,
                "controller.listener.names=CONTROLLER",
                "listeners=PLAINTEXT://127.0.0.1:0,CONTROLLER://127.0.0.1:" + controllerPorts.get(id),
                "broker.session.timeout.ms=4000", "broker.heartbeat.interval.ms=500",
                "group.initial.rebalance.delay.ms=0");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
