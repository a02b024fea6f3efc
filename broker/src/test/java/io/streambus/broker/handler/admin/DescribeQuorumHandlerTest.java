package io.streambus.broker.handler.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.broker.testing.ApiClient;
import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import io.streambus.metadata.log.MetadataLog;
import java.nio.file.Path;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.DescribeQuorumRequestData;
import org.apache.kafka.common.message.DescribeQuorumResponseData;
import org.apache.kafka.common.message.DescribeQuorumResponseData.PartitionData;
import org.apache.kafka.common.message.DescribeQuorumResponseData.ReplicaState;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeQuorumRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DescribeQuorum: the local metadata log answered as a one-voter quorum led by this node. */
class DescribeQuorumHandlerTest {

    @TempDir
    static Path dataDir;
    static TestBroker broker;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(dataDir);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void thisNodeLeadsAQuorumOfOne(int version) throws Exception {
        MetadataLog log = broker.broker().services().metadataLog();
        PartitionData before = describe(version, DescribeQuorumRequest.singletonRequest(
                Topic.CLUSTER_METADATA_TOPIC_PARTITION));

        assertThat(before.errorCode()).isZero();
        assertThat(before.leaderId()).isEqualTo(1);
        assertThat(before.leaderEpoch()).isEqualTo(1);
        assertThat(before.highWatermark()).isEqualTo(log.lastCommittedOffset() + 1).isPositive();
        assertThat(before.observers()).isEmpty();
        ReplicaState voter = before.currentVoters().getFirst();
        assertThat(before.currentVoters()).hasSize(1);
        assertThat(voter.replicaId()).isEqualTo(1);
        assertThat(voter.logEndOffset()).isEqualTo(before.highWatermark());
        assertThat(voter.replicaDirectoryId()).isEqualTo(Uuid.ZERO_UUID);
        if (version >= 1) {
            assertThat(voter.lastFetchTimestamp()).isPositive();
            assertThat(voter.lastCaughtUpTimestamp()).isEqualTo(voter.lastFetchTimestamp());
        }

        // Every metadata change moves the high watermark: it follows the log, not a snapshot of it.
        TestTopics.create(broker, "quorum-v" + version, 1);
        PartitionData after = describe(version, DescribeQuorumRequest.singletonRequest(
                Topic.CLUSTER_METADATA_TOPIC_PARTITION));
        assertThat(after.highWatermark()).isGreaterThan(before.highWatermark());
    }

    @Test
    void adminDescribesTheQuorum() throws Exception {
        try (Admin admin = AdminClients.create(broker.bootstrap())) {
            QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get();
            assertThat(quorum.leaderId()).isEqualTo(admin.describeCluster().controller().get().id()).isEqualTo(1);
            assertThat(quorum.voters()).extracting(QuorumInfo.ReplicaState::replicaId).containsExactly(1);
            assertThat(quorum.observers()).isEmpty();
        }
    }

    @Test
    void anyOtherPartitionIsUnknown() throws Exception {
        PartitionData other = describe(2, DescribeQuorumRequest.singletonRequest(new TopicPartition("orders", 0)));

        assertThat(other.errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    }

    private static PartitionData describe(int version, DescribeQuorumRequestData request) throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            DescribeQuorumResponseData response = client.request(ApiKeys.DESCRIBE_QUORUM, version, request);
            assertThat(response.errorCode()).isZero();
            assertThat(response.topics()).hasSize(1);
            return response.topics().getFirst().partitions().getFirst();
        }
    }
}
