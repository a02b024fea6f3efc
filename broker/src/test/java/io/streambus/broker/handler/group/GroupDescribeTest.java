package io.streambus.broker.handler.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streambus.broker.testing.ApiClient;
import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.message.ConsumerGroupDescribeRequestData;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ConsumerGroupDescribe and DescribeGroups answer for a missing group, a classic group and a KIP-848
 * consumer group, with Kafka 4's error codes and messages (GroupMetadataManager): kafka-clients' Admin and
 * {@code kafka-consumer-groups} show those messages to the user.
 */
class GroupDescribeTest {

    @TempDir
    static Path dataDir;
    static TestBroker broker;
    static ApiClient client;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start(dataDir, GroupClients.BROKER_CONFIGS);
        TestTopics.create(broker, "t", 1);
        client = new ApiClient(broker.bootstrap());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            FindCoordinatorResponseData response = client.request(ApiKeys.FIND_COORDINATOR, 4,
                    new FindCoordinatorRequestData().setKeyType((byte) 0)
                            .setCoordinatorKeys(List.of("missing", "classic", "consumer")));
            return response.coordinators().stream().allMatch(c -> c.errorCode() == Errors.NONE.code());
        });
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        broker.close();
    }

    private static ConsumerGroupDescribeResponseData.DescribedGroup consumerDescribe(String group) throws Exception {
        ConsumerGroupDescribeResponseData response = client.request(ApiKeys.CONSUMER_GROUP_DESCRIBE, 1,
                new ConsumerGroupDescribeRequestData().setGroupIds(List.of(group)));
        return response.groups().getFirst();
    }

    private static DescribeGroupsResponseData.DescribedGroup classicDescribe(String group, int version)
            throws Exception {
        DescribeGroupsResponseData response = client.request(ApiKeys.DESCRIBE_GROUPS, version,
                new DescribeGroupsRequestData().setGroups(List.of(group)));
        return response.groups().getFirst();
    }

    private static void commitWithoutMembers(String group) throws Exception {
        OffsetCommitResponseData response = client.request(ApiKeys.OFFSET_COMMIT, 9, new OffsetCommitRequestData()
                .setGroupId(group).setMemberId("").setGenerationIdOrMemberEpoch(-1)
                .setTopics(List.of(new OffsetCommitRequestData.OffsetCommitRequestTopic().setName("t")
                        .setPartitions(List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition()
                                .setPartitionIndex(0).setCommittedOffset(5))))));
        assertThat(response.topics().getFirst().partitions().getFirst().errorCode()).isEqualTo(Errors.NONE.code());
    }

    @Test
    void aMissingGroupIsNotFoundByBothApisAndOnlyV6OfDescribeGroupsSaysSo() throws Exception {
        ConsumerGroupDescribeResponseData.DescribedGroup described = consumerDescribe("missing");
        assertThat(described.errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
        assertThat(described.errorMessage()).isEqualTo("Group missing not found.");

        DescribeGroupsResponseData.DescribedGroup v6 = classicDescribe("missing", 6);
        assertThat(v6.errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
        assertThat(v6.errorMessage()).isEqualTo("Group missing not found.");
        assertThat(v6.groupState()).isEqualTo("Dead");
        DescribeGroupsResponseData.DescribedGroup v5 = classicDescribe("missing", 5);
        assertThat(v5.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(v5.groupState()).isEqualTo("Dead");

        DeleteGroupsResponseData deleted = client.request(ApiKeys.DELETE_GROUPS, 2,
                new DeleteGroupsRequestData().setGroupsNames(List.of("missing")));
        assertThat(deleted.results().find("missing").errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
        OffsetDeleteResponseData offsetsDeleted = client.request(ApiKeys.OFFSET_DELETE, 0,
                new OffsetDeleteRequestData().setGroupId("missing"));
        assertThat(offsetsDeleted.errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
    }

    @Test
    void adminDescribingAMissingGroupFailsWithKafkasMessage() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
            assertThatThrownBy(() -> admin.describeConsumerGroups(List.of("missing")).all().get())
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(GroupIdNotFoundException.class).hasMessage("Group missing not found.");
        }
    }

    @Test
    void aClassicGroupIsNotAConsumerGroupButDescribeGroupsDescribesIt() throws Exception {
        commitWithoutMembers("classic");

        ConsumerGroupDescribeResponseData.DescribedGroup described = consumerDescribe("classic");
        assertThat(described.errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
        assertThat(described.errorMessage()).isEqualTo("Group classic is not a consumer group.");

        DescribeGroupsResponseData.DescribedGroup v6 = classicDescribe("classic", 6);
        assertThat(v6.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(v6.groupState()).isEqualTo("Empty");
    }

    @Test
    void aConsumerProtocolGroupIsNotAClassicGroup() throws Exception {
        ConsumerGroupHeartbeatResponseData joined = client.request(ApiKeys.CONSUMER_GROUP_HEARTBEAT, 1,
                new ConsumerGroupHeartbeatRequestData().setGroupId("consumer").setMemberId(Uuid.randomUuid().toString())
                        .setMemberEpoch(0).setSubscribedTopicNames(List.of("t")).setRebalanceTimeoutMs(5_000));
        assertThat(joined.errorCode()).isEqualTo(Errors.NONE.code());

        ConsumerGroupDescribeResponseData.DescribedGroup described = consumerDescribe("consumer");
        assertThat(described.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(described.members()).singleElement()
                .satisfies(member -> {
                    assertThat(member.memberId()).isEqualTo(joined.memberId());
                    assertThat(member.clientHost()).isEqualTo("/127.0.0.1");
                });

        DescribeGroupsResponseData.DescribedGroup v6 = classicDescribe("consumer", 6);
        assertThat(v6.errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
        assertThat(v6.errorMessage()).isEqualTo("Group consumer is not a classic group.");
        assertThat(v6.groupState()).isEqualTo("Dead");
        assertThat(v6.members()).isEmpty();
        DescribeGroupsResponseData.DescribedGroup v5 = classicDescribe("consumer", 5);
        assertThat(v5.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(v5.groupState()).isEqualTo("Dead");
    }
}
