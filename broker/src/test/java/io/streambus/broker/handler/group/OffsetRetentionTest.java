package io.streambus.broker.handler.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.broker.Broker;
import io.streambus.broker.BrokerConfig;
import io.streambus.broker.network.ListenerConfig;
import io.streambus.broker.network.NetworkConfig;
import io.streambus.broker.testing.ApiClient;
import io.streambus.metadata.controller.CreatableTopic;
import io.streambus.storage.LogManagerConfig;
import io.streambus.storage.testing.ManualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * offsets.retention.minutes on a broker whose clock the test moves: an empty group's offsets expire (and the
 * group with them), an active group's stay.
 */
class OffsetRetentionTest {

    @TempDir
    Path dataDir;
    private final ManualTime time = new ManualTime();
    private Broker broker;
    private ApiClient client;

    @BeforeEach
    void start() throws Exception {
        Map<String, String> configs = new HashMap<>(GroupClients.BROKER_CONFIGS);
        configs.put("offsets.retention.minutes", "1");
        configs.put("offsets.retention.check.interval.ms", "1000");
        NetworkConfig network = NetworkConfig.defaults(new ListenerConfig("PLAINTEXT", "127.0.0.1", 0));
        broker = Broker.start(new BrokerConfig(1, "retention-test", dataDir, network, List.of(), configs,
                LogManagerConfig.DEFAULT), time);
        broker.services().controller().createTopics(List.of(CreatableTopic.of("t", 1, 1)), false).join();
        client = new ApiClient("127.0.0.1:" + broker.boundPort("PLAINTEXT"));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            FindCoordinatorResponseData response = client.request(ApiKeys.FIND_COORDINATOR, 4,
                    new FindCoordinatorRequestData().setKeyType((byte) 0)
                            .setCoordinatorKeys(List.of("g-empty", "g-active")));
            return response.coordinators().stream().allMatch(c -> c.errorCode() == Errors.NONE.code())
                    && broker.services().partitions().partition(new org.apache.kafka.common.TopicPartition("t", 0))
                    .isPresent();
        });
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        broker.close();
    }

    private short commit(String group, String memberId, int generation) throws Exception {
        OffsetCommitResponseData response = client.request(ApiKeys.OFFSET_COMMIT, 8, new OffsetCommitRequestData()
                .setGroupId(group).setMemberId(memberId).setGenerationIdOrMemberEpoch(generation)
                .setTopics(List.of(new OffsetCommitRequestData.OffsetCommitRequestTopic().setName("t")
                        .setPartitions(List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition()
                                .setPartitionIndex(0).setCommittedOffset(5))))));
        return response.topics().getFirst().partitions().getFirst().errorCode();
    }

    private long committed(String group) throws Exception {
        OffsetFetchResponseData response = client.request(ApiKeys.OFFSET_FETCH, 8, new OffsetFetchRequestData()
                .setGroups(List.of(new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId(group)
                        .setTopics(List.of(new OffsetFetchRequestData.OffsetFetchRequestTopics().setName("t")
                                .setPartitionIndexes(List.of(0)))))));
        return response.groups().getFirst().topics().getFirst().partitions().getFirst().committedOffset();
    }

    @Test
    void emptyGroupsLoseTheirOffsetsAfterTheRetentionTimeActiveGroupsKeepThem() throws Exception {
        assertThat(commit("g-empty", "", -1)).isEqualTo(Errors.NONE.code());
        JoinGroupRequestData join = new JoinGroupRequestData().setGroupId("g-active").setMemberId("")
                .setProtocolType("consumer").setSessionTimeoutMs(1_800_000).setRebalanceTimeoutMs(60_000)
                .setProtocols(new JoinGroupRequestData.JoinGroupRequestProtocolCollection(List.of(
                        new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range")
                                .setMetadata(new byte[0])).iterator()));
        JoinGroupResponseData first = client.request(ApiKeys.JOIN_GROUP, 9, join);
        JoinGroupResponseData joined = client.request(ApiKeys.JOIN_GROUP, 9, join.setMemberId(first.memberId()));
        client.request(ApiKeys.SYNC_GROUP, 5, new SyncGroupRequestData().setGroupId("g-active")
                .setMemberId(joined.memberId()).setGenerationId(joined.generationId()).setProtocolType("consumer")
                .setProtocolName("range"));
        assertThat(commit("g-active", joined.memberId(), joined.generationId())).isEqualTo(Errors.NONE.code());

        time.advanceMs(30_000);
        assertThat(committed("g-empty")).isEqualTo(5); // not yet: 30 s of 60

        time.advanceMs(32_000);
        // The check runs every second of broker time and reschedules itself from the clock it finds: keep the
        // clock moving, or a check rescheduled just after the jump would wait forever for the next second.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            time.advanceMs(1_000);
            return committed("g-empty") == -1;
        });
        assertThat(committed("g-active")).isEqualTo(5);
        ListGroupsResponseData listed = client.request(ApiKeys.LIST_GROUPS, 4, new ListGroupsRequestData());
        assertThat(listed.groups()).extracting(ListGroupsResponseData.ListedGroup::groupId)
                .contains("g-active").doesNotContain("g-empty");
    }
}
