package io.streambus.broker.handler.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.broker.testing.TestBroker;
import io.streambus.storage.AppendRequest;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DescribeCluster, DescribeLogDirs and Metadata (versions, topic ids, auto-creation) over a real socket. */
class ClusterAdminTest {

    @TempDir
    static Path dataDir;
    static TestBroker broker;
    static Admin admin;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(dataDir, Map.of("num.partitions", "3"));
        admin = AdminClients.create(broker.bootstrap());
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void describesTheCluster() throws Exception {
        DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions()
                .includeAuthorizedOperations(true));
        assertThat(cluster.clusterId().get()).isEqualTo("streambus-test-cluster");
        assertThat(cluster.controller().get().id()).isEqualTo(1);
        Collection<Node> nodes = cluster.nodes().get();
        assertThat(nodes).singleElement().satisfies(node -> {
            assertThat(node.id()).isEqualTo(1);
            assertThat(node.host()).isEqualTo("127.0.0.1");
            assertThat(node.port()).isEqualTo(port());
        });
        assertThat(cluster.authorizedOperations().get()).contains(AclOperation.DESCRIBE, AclOperation.ALTER_CONFIGS);

        try (RawRequests raw = new RawRequests(port())) {
            DescribeClusterResponseData controllers = raw.send(ApiKeys.DESCRIBE_CLUSTER, 1,
                    new DescribeClusterRequestData().setEndpointType((byte) 2));
            assertThat(controllers.errorCode()).isEqualTo(Errors.MISMATCHED_ENDPOINT_TYPE.code());
            DescribeClusterResponseData v0 = raw.send(ApiKeys.DESCRIBE_CLUSTER, 0, new DescribeClusterRequestData());
            assertThat(v0.brokers()).hasSize(1);
            assertThat(v0.clusterAuthorizedOperations()).isEqualTo(Integer.MIN_VALUE);
        }
    }

    @Test
    void describesLogDirsWithPartitionSizesAndSpace() throws Exception {
        admin.createTopics(List.of(new NewTopic("sized", 2, (short) 1))).all().get();
        broker.broker().services().partitions().partition(new TopicPartition("sized", 1)).orElseThrow().log()
                .append(AppendRequest.fromClient(MemoryRecords.withRecords(Compression.NONE,
                        new SimpleRecord("k".getBytes(), "value".getBytes())).buffer(), 0));

        Map<String, LogDirDescription> dirs = admin.describeLogDirs(List.of(1)).allDescriptions().get().get(1);
        assertThat(dirs).containsOnlyKeys(dataDir.toAbsolutePath().toString());
        LogDirDescription dir = dirs.values().iterator().next();
        assertThat(dir.error()).isNull();
        assertThat(dir.totalBytes().orElseThrow()).isPositive();
        assertThat(dir.usableBytes().orElseThrow()).isPositive();
        ReplicaInfo empty = dir.replicaInfos().get(new TopicPartition("sized", 0));
        ReplicaInfo written = dir.replicaInfos().get(new TopicPartition("sized", 1));
        assertThat(empty.size()).isZero();
        assertThat(written.size()).isPositive();
        assertThat(written.offsetLag()).isZero();
        assertThat(written.isFuture()).isFalse();

        try (RawRequests raw = new RawRequests(port())) {
            DescribeLogDirsRequestData request = new DescribeLogDirsRequestData();
            request.topics().add(new DescribeLogDirsRequestData.DescribableLogDirTopic().setTopic("sized")
                    .setPartitions(List.of(1)));
            DescribeLogDirsResponseData response = raw.send(ApiKeys.DESCRIBE_LOG_DIRS, 1, request);
            assertThat(response.results()).singleElement().satisfies(result -> {
                assertThat(result.topics()).singleElement().satisfies(topic ->
                        assertThat(topic.partitions()).extracting(p -> p.partitionIndex()).containsExactly(1));
                assertThat(result.totalBytes()).isEqualTo(-1);
            });
        }
    }

    @Test
    void metadataAutoCreatesUnknownTopicsWhenAllowed() throws Exception {
        try (RawRequests raw = new RawRequests(port())) {
            MetadataResponseData created = raw.send(ApiKeys.METADATA, 12, metadataRequest(true, "auto-created"));
            MetadataResponseTopic topic = created.topics().find("auto-created");
            assertThat(topic.errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(topic.topicId()).isNotEqualTo(Uuid.ZERO_UUID);
            assertThat(topic.partitions()).hasSize(3).allSatisfy(p -> {
                assertThat(p.errorCode()).isEqualTo(Errors.NONE.code());
                assertThat(p.leaderId()).isEqualTo(1);
            });
            assertThat(broker.broker().metadata().topics().topic("auto-created")).isNotNull();

            MetadataResponseData refused = raw.send(ApiKeys.METADATA, 12, metadataRequest(false, "not-created"));
            assertThat(refused.topics().find("not-created").errorCode())
                    .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
            assertThat(broker.broker().metadata().topics().topic("not-created")).isNull();

            // Before v4 there is no flag: old clients always asked for auto-creation.
            MetadataResponseData old = raw.send(ApiKeys.METADATA, 1, metadataRequest(true, "old-client-topic"));
            assertThat(old.topics().find("old-client-topic").errorCode()).isEqualTo(Errors.NONE.code());

            MetadataResponseData invalid = raw.send(ApiKeys.METADATA, 12, metadataRequest(true, "bad/name",
                    "__internal_thing"));
            assertThat(invalid.topics().find("bad/name").errorCode())
                    .isEqualTo(Errors.INVALID_TOPIC_EXCEPTION.code());
            assertThat(invalid.topics().find("__internal_thing").errorCode())
                    .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
            assertThat(broker.broker().metadata().topics().topic("__internal_thing")).isNull();
        }
    }

    @Test
    void concurrentRequestsForANewTopicAllSeeItCreated() throws Exception {
        int clients = 6;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(clients);
        List<java.util.concurrent.CompletableFuture<Short>> errors = new java.util.ArrayList<>();
        try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < clients; i++) {
                errors.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try (RawRequests raw = new RawRequests(port())) {
                        start.await();
                        return raw.<MetadataResponseData>send(ApiKeys.METADATA, 12, metadataRequest(true, "burst"))
                                .topics().find("burst").errorCode();
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                }, pool));
            }
            for (java.util.concurrent.CompletableFuture<Short> error : errors) {
                assertThat(error.get()).isEqualTo(Errors.NONE.code());
            }
        }
        assertThat(broker.broker().metadata().topics().topic("burst").numPartitions()).isEqualTo(3);
    }

    @Test
    void metadataDescribesBrokersTopicsAndIds() throws Exception {
        Uuid id = admin.createTopics(List.of(new NewTopic("described", 2, (short) 1))).topicId("described").get();
        try (RawRequests raw = new RawRequests(port())) {
            MetadataResponseData response = raw.send(ApiKeys.METADATA, 13, metadataRequest(false, "described"));
            assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(response.clusterId()).isEqualTo("streambus-test-cluster");
            assertThat(response.controllerId()).isEqualTo(1);
            assertThat(response.brokers()).singleElement().satisfies(b -> {
                assertThat(b.nodeId()).isEqualTo(1);
                assertThat(b.port()).isEqualTo(port());
            });
            MetadataResponseTopic topic = response.topics().find("described");
            assertThat(topic.topicId()).isEqualTo(id);
            assertThat(topic.isInternal()).isFalse();
            assertThat(topic.topicAuthorizedOperations()).isEqualTo(Integer.MIN_VALUE);
            assertThat(topic.partitions()).allSatisfy(p -> {
                assertThat(p.leaderEpoch()).isZero();
                assertThat(p.replicaNodes()).containsExactly(1);
                assertThat(p.isrNodes()).containsExactly(1);
                assertThat(p.offlineReplicas()).isEmpty();
            });

            MetadataRequestData byId = new MetadataRequestData().setAllowAutoTopicCreation(false);
            byId.topics().add(new MetadataRequestData.MetadataRequestTopic().setName(null).setTopicId(id));
            Uuid unknown = Uuid.randomUuid();
            byId.topics().add(new MetadataRequestData.MetadataRequestTopic().setName(null).setTopicId(unknown));
            MetadataResponseData ids = raw.send(ApiKeys.METADATA, 12, byId);
            assertThat(ids.topics()).extracting(t -> t.name(), t -> t.topicId(), t -> t.errorCode()).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("described", id, Errors.NONE.code()),
                    org.assertj.core.groups.Tuple.tuple(null, unknown, Errors.UNKNOWN_TOPIC_ID.code()));
        }
    }

    @Test
    void metadataListsAllTopicsForNullOrV0EmptyAndNoneForAnEmptyList() throws Exception {
        admin.createTopics(List.of(new NewTopic("listed", 1, (short) 1))).all().get();
        try (RawRequests raw = new RawRequests(port())) {
            MetadataResponseData all = raw.send(ApiKeys.METADATA, 12, new MetadataRequestData().setTopics(null));
            assertThat(all.topics().find("listed")).isNotNull();
            MetadataResponseData v0 = raw.send(ApiKeys.METADATA, 0, new MetadataRequestData());
            assertThat(v0.topics().find("listed")).isNotNull();
            MetadataResponseData none = raw.send(ApiKeys.METADATA, 1, new MetadataRequestData());
            assertThat(none.topics()).isEmpty();
            assertThat(none.brokers()).hasSize(1);
        }
        assertThat(admin.listTopics().names().get()).contains("listed");
    }

    @Test
    void autoCreationCanBeSwitchedOff(@TempDir Path otherDir) throws Exception {
        try (TestBroker off = TestBroker.start(otherDir, Map.of("auto.create.topics.enable", "false"));
             RawRequests raw = new RawRequests(off.broker().boundPort(TestBroker.LISTENER))) {
            MetadataResponseData response = raw.send(ApiKeys.METADATA, 12, metadataRequest(true, "wanted"));
            assertThat(response.topics().find("wanted").errorCode())
                    .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
            assertThat(off.broker().metadata().topics().topic("wanted")).isNull();
        }
    }

    @Test
    void advertisesTheAdminApis() throws Exception {
        try (RawRequests raw = new RawRequests(port())) {
            org.apache.kafka.common.message.ApiVersionsResponseData versions = raw.send(ApiKeys.API_VERSIONS, 3,
                    new org.apache.kafka.common.message.ApiVersionsRequestData().setClientSoftwareName("test")
                            .setClientSoftwareVersion("1"));
            assertThat(versions.apiKeys().find(ApiKeys.METADATA.id).minVersion()).isZero();
            assertThat(versions.apiKeys().find(ApiKeys.METADATA.id).maxVersion()).isEqualTo((short) 13);
            for (ApiKeys key : List.of(ApiKeys.CREATE_TOPICS, ApiKeys.DELETE_TOPICS, ApiKeys.CREATE_PARTITIONS,
                    ApiKeys.DESCRIBE_CLUSTER, ApiKeys.DESCRIBE_CONFIGS, ApiKeys.ALTER_CONFIGS,
                    ApiKeys.INCREMENTAL_ALTER_CONFIGS, ApiKeys.DESCRIBE_LOG_DIRS)) {
                assertThat(versions.apiKeys().find(key.id).maxVersion()).as(key.name).isEqualTo(key.latestVersion());
            }
        }
    }

    private static MetadataRequestData metadataRequest(boolean allowAutoCreation, String... names) {
        MetadataRequestData request = new MetadataRequestData().setAllowAutoTopicCreation(allowAutoCreation);
        for (String name : names) {
            request.topics().add(new MetadataRequestData.MetadataRequestTopic().setName(name));
        }
        return request;
    }

    private static int port() {
        return broker.broker().boundPort(TestBroker.LISTENER);
    }
}
