package io.streambus.broker.handler.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.broker.testing.ApiClient;
import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka's error codes for bad group requests, sent raw at exact versions; the group's state stays intact. */
class GroupErrorsTest {

    @TempDir
    static Path dataDir;
    static TestBroker broker;
    static ApiClient client;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start(dataDir, GroupClients.BROKER_CONFIGS);
        TestTopics.create(broker, "t", 2);
        client = new ApiClient(broker.bootstrap());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            FindCoordinatorResponseData response = client.request(ApiKeys.FIND_COORDINATOR, 4,
                    new FindCoordinatorRequestData().setKeyType((byte) 0).setCoordinatorKeys(List.of("g0", "g1", "g2")));
            return response.coordinators().stream().allMatch(c -> c.errorCode() == Errors.NONE.code());
        });
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        broker.close();
    }

    private static JoinGroupResponseData join(String group, String memberId, String protocolType) throws Exception {
        return client.request(ApiKeys.JOIN_GROUP, 9, new JoinGroupRequestData().setGroupId(group)
                .setMemberId(memberId).setProtocolType(protocolType).setSessionTimeoutMs(10_000)
                .setRebalanceTimeoutMs(10_000).setProtocols(new JoinGroupRequestData.JoinGroupRequestProtocolCollection(
                        List.of(new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range")
                                .setMetadata(new byte[] {1})).iterator())));
    }

    /** A stable one-member group: returns [memberId, generation]. */
    private static Object[] stableGroup(String group) throws Exception {
        JoinGroupResponseData first = join(group, "", "consumer");
        assertThat(first.errorCode()).isEqualTo(Errors.MEMBER_ID_REQUIRED.code());
        JoinGroupResponseData joined = join(group, first.memberId(), "consumer");
        assertThat(joined.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(joined.leader()).isEqualTo(first.memberId());
        SyncGroupResponseData synced = client.request(ApiKeys.SYNC_GROUP, 5, new SyncGroupRequestData()
                .setGroupId(group).setMemberId(joined.memberId()).setGenerationId(joined.generationId())
                .setProtocolType("consumer").setProtocolName("range")
                .setAssignments(List.of(new SyncGroupRequestData.SyncGroupRequestAssignment()
                        .setMemberId(joined.memberId()).setAssignment(new byte[] {7}))));
        assertThat(synced.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(synced.assignment()).containsExactly(7);
        return new Object[] {joined.memberId(), joined.generationId()};
    }

    private static short heartbeat(String group, String memberId, int generation) throws Exception {
        HeartbeatResponseData response = client.request(ApiKeys.HEARTBEAT, 4, new HeartbeatRequestData()
                .setGroupId(group).setMemberId(memberId).setGenerationId(generation));
        return response.errorCode();
    }

    private static short commit(String group, String memberId, int generation, String topic, String metadata)
            throws Exception {
        OffsetCommitResponseData response = client.request(ApiKeys.OFFSET_COMMIT, 9, new OffsetCommitRequestData()
                .setGroupId(group).setMemberId(memberId).setGenerationIdOrMemberEpoch(generation)
                .setTopics(List.of(new OffsetCommitRequestData.OffsetCommitRequestTopic().setName(topic)
                        .setPartitions(List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition()
                                .setPartitionIndex(0).setCommittedOffset(42).setCommittedLeaderEpoch(3)
                                .setCommittedMetadata(metadata))))));
        return response.topics().getFirst().partitions().getFirst().errorCode();
    }

    @Test
    void badRequestsGetKafkasErrorsAndLeaveTheGroupIntact() throws Exception {
        Object[] member = stableGroup("g-errors");
        String memberId = (String) member[0];
        int generation = (Integer) member[1];

        assertThat(join("g-errors", "no-such-member", "consumer").errorCode())
                .isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(join("g-errors", "", "connect").errorCode()).isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL.code());
        assertThat(heartbeat("g-errors", "no-such-member", generation)).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(heartbeat("g-errors", memberId, generation + 1)).isEqualTo(Errors.ILLEGAL_GENERATION.code());
        SyncGroupResponseData staleSync = client.request(ApiKeys.SYNC_GROUP, 5, new SyncGroupRequestData()
                .setGroupId("g-errors").setMemberId(memberId).setGenerationId(generation - 1)
                .setProtocolType("consumer").setProtocolName("range"));
        assertThat(staleSync.errorCode()).isEqualTo(Errors.ILLEGAL_GENERATION.code());
        assertThat(commit("g-errors", memberId, generation + 5, "t", "")).isEqualTo(Errors.ILLEGAL_GENERATION.code());
        assertThat(commit("g-errors", "", -1, "t", "")).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(commit("g-errors", memberId, generation, "no-such-topic", ""))
                .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertThat(commit("g-errors", memberId, generation, "t", "x".repeat(4097)))
                .isEqualTo(Errors.OFFSET_METADATA_TOO_LARGE.code());

        // Still one stable member at the same generation, and a good commit goes through.
        assertThat(heartbeat("g-errors", memberId, generation)).isEqualTo(Errors.NONE.code());
        assertThat(commit("g-errors", memberId, generation, "t", "meta")).isEqualTo(Errors.NONE.code());
        OffsetFetchResponseData fetched = client.request(ApiKeys.OFFSET_FETCH, 8, new OffsetFetchRequestData()
                .setGroups(List.of(new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId("g-errors")
                        .setTopics(List.of(new OffsetFetchRequestData.OffsetFetchRequestTopics().setName("t")
                                .setPartitionIndexes(List.of(0, 1)))))));
        List<OffsetFetchResponseData.OffsetFetchResponsePartitions> partitions =
                fetched.groups().getFirst().topics().getFirst().partitions();
        assertThat(partitions.get(0).committedOffset()).isEqualTo(42);
        assertThat(partitions.get(0).committedLeaderEpoch()).isEqualTo(3);
        assertThat(partitions.get(0).metadata()).isEqualTo("meta");
        assertThat(partitions.get(1).committedOffset()).isEqualTo(-1);
    }

    @Test
    void sessionTimeoutsOutsideTheBrokersRangeAreRefused() throws Exception {
        JoinGroupResponseData response = client.request(ApiKeys.JOIN_GROUP, 9, new JoinGroupRequestData()
                .setGroupId("g-session").setMemberId("").setProtocolType("consumer").setSessionTimeoutMs(100)
                .setRebalanceTimeoutMs(1000));
        assertThat(response.errorCode()).isEqualTo(Errors.INVALID_SESSION_TIMEOUT.code());
    }

    @Test
    void simpleCommitsWorkForGroupsWithoutMembersAndOldVersionsReadThem() throws Exception {
        assertThat(commit("g-simple", "", -1, "t", "m")).isEqualTo(Errors.NONE.code());
        OffsetFetchResponseData fetched = client.request(ApiKeys.OFFSET_FETCH, 1, new OffsetFetchRequestData()
                .setGroupId("g-simple").setTopics(List.of(new OffsetFetchRequestData.OffsetFetchRequestTopic()
                        .setName("t").setPartitionIndexes(List.of(0)))));
        assertThat(fetched.topics().getFirst().partitions().getFirst().committedOffset()).isEqualTo(42);
    }

    @Test
    void findCoordinatorOldVersionsAndTransactionKeys() throws Exception {
        FindCoordinatorResponseData v0 = client.request(ApiKeys.FIND_COORDINATOR, 0,
                new FindCoordinatorRequestData().setKey("g0"));
        assertThat(v0.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(v0.port()).isEqualTo(broker.broker().boundPort(TestBroker.LISTENER));
        FindCoordinatorResponseData txn = client.request(ApiKeys.FIND_COORDINATOR, 4,
                new FindCoordinatorRequestData().setKeyType((byte) 1).setCoordinatorKeys(List.of("tx")));
        // The first transaction key creates __transaction_state: not available until it is hosted and loaded.
        assertThat(txn.coordinators().getFirst().errorCode()).isEqualTo(Errors.COORDINATOR_NOT_AVAILABLE.code());
    }

    private static ConsumerGroupHeartbeatResponseData consumerHeartbeat(String group, String memberId, int epoch,
                                                                        String assignor) throws Exception {
        ConsumerGroupHeartbeatRequestData request = new ConsumerGroupHeartbeatRequestData().setGroupId(group)
                .setMemberId(memberId).setMemberEpoch(epoch).setServerAssignor(assignor);
        if (epoch == 0) {
            request.setSubscribedTopicNames(List.of("t")).setRebalanceTimeoutMs(5_000);
        }
        return client.request(ApiKeys.CONSUMER_GROUP_HEARTBEAT, 1, request);
    }

    @Test
    void consumerProtocolErrors() throws Exception {
        String memberId = Uuid.randomUuid().toString();
        ConsumerGroupHeartbeatResponseData joined = consumerHeartbeat("g-848-errors", memberId, 0, null);
        assertThat(joined.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(joined.memberEpoch()).isPositive();
        assertThat(joined.assignment().topicPartitions()).singleElement()
                .satisfies(t -> assertThat(t.partitions()).containsExactlyInAnyOrder(0, 1));
        int epoch = joined.memberEpoch();

        assertThat(consumerHeartbeat("g-848-errors", memberId, epoch + 5, null).errorCode())
                .isEqualTo(Errors.FENCED_MEMBER_EPOCH.code());
        assertThat(consumerHeartbeat("g-848-errors", Uuid.randomUuid().toString(), 3, null).errorCode())
                .isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(consumerHeartbeat("g-848-errors", Uuid.randomUuid().toString(), 0, "nope").errorCode())
                .isEqualTo(Errors.UNSUPPORTED_ASSIGNOR.code());
        assertThat(join("g-848-errors", "", "consumer").errorCode())
                .isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL.code());
        assertThat(commit("g-848-errors", memberId, epoch - 1, "t", "")).isEqualTo(Errors.STALE_MEMBER_EPOCH.code());
        assertThat(commit("g-848-errors", memberId, epoch, "t", "")).isEqualTo(Errors.NONE.code());

        // The member is intact: a heartbeat at its epoch succeeds, then it leaves.
        assertThat(consumerHeartbeat("g-848-errors", memberId, epoch, null).errorCode()).isEqualTo(Errors.NONE.code());
        ConsumerGroupHeartbeatResponseData left = consumerHeartbeat("g-848-errors", memberId, -1, null);
        assertThat(left.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(left.memberEpoch()).isEqualTo(-1);
    }
}
