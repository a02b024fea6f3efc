package io.streambus.broker.handler.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.broker.testing.ApiClient;
import io.streambus.broker.testing.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classic-protocol limits with raw clients: the rebalance timeout of the sync phase, group.max.size. */
class ClassicLimitsTest {

    @TempDir
    static Path dataDir;
    static TestBroker broker;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> configs = new HashMap<>(GroupClients.BROKER_CONFIGS);
        configs.put("group.max.size", "2");
        broker = TestBroker.start(dataDir, configs);
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                FindCoordinatorResponseData response = client.request(ApiKeys.FIND_COORDINATOR, 4,
                        new FindCoordinatorRequestData().setKeyType((byte) 0).setCoordinatorKeys(List.of("g-sync", "g-full")));
                return response.coordinators().stream().allMatch(c -> c.errorCode() == Errors.NONE.code());
            });
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static JoinGroupRequestData join(String memberId) {
        return join("g-sync", memberId);
    }

    private static JoinGroupRequestData join(String group, String memberId) {
        return new JoinGroupRequestData().setGroupId(group).setMemberId(memberId).setProtocolType("consumer")
                .setSessionTimeoutMs(10_000).setRebalanceTimeoutMs(500)
                .setProtocols(new JoinGroupRequestData.JoinGroupRequestProtocolCollection(List.of(
                        new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range")
                                .setMetadata(new byte[0])).iterator()));
    }

    @Test
    void aLeaderThatNeverSyncsIsRemovedAndTheOthersRebalance() throws Exception {
        try (ApiClient first = new ApiClient(broker.bootstrap()); ApiClient second = new ApiClient(broker.bootstrap())) {
            String firstId = ((JoinGroupResponseData) first.request(ApiKeys.JOIN_GROUP, 9, join(""))).memberId();
            String secondId = ((JoinGroupResponseData) second.request(ApiKeys.JOIN_GROUP, 9, join(""))).memberId();
            first.send(ApiKeys.JOIN_GROUP, 9, join(firstId));
            second.send(ApiKeys.JOIN_GROUP, 9, join(secondId));
            JoinGroupResponseData firstJoined = (JoinGroupResponseData) first.receive(ApiKeys.JOIN_GROUP, (short) 9);
            JoinGroupResponseData secondJoined = (JoinGroupResponseData) second.receive(ApiKeys.JOIN_GROUP, (short) 9);
            assertThat(secondJoined.generationId()).isEqualTo(firstJoined.generationId());
            assertThat(secondJoined.leader()).isEqualTo(firstJoined.leader()).isIn(firstId, secondId);
            // The two joins race on separate connections: whoever the broker saw first leads.
            boolean firstLeads = firstJoined.leader().equals(firstId);
            ApiClient follower = firstLeads ? second : first;
            String followerId = firstLeads ? secondId : firstId;

            // The follower waits for an assignment the leader never sends.
            SyncGroupResponseData synced = follower.request(ApiKeys.SYNC_GROUP, 5, new SyncGroupRequestData()
                    .setGroupId("g-sync").setMemberId(followerId).setGenerationId(firstJoined.generationId())
                    .setProtocolType("consumer").setProtocolName("range"));
            assertThat(synced.errorCode()).isEqualTo(Errors.REBALANCE_IN_PROGRESS.code());

            JoinGroupResponseData rejoined = follower.request(ApiKeys.JOIN_GROUP, 9, join(followerId));
            assertThat(rejoined.errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(rejoined.leader()).isEqualTo(followerId);
            assertThat(rejoined.members()).extracting(JoinGroupResponseData.JoinGroupResponseMember::memberId)
                    .containsExactly(followerId);
        }
    }

    @Test
    void aThirdMemberIsRefusedWhenTheGroupIsFull() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            JoinGroupResponseData first = client.request(ApiKeys.JOIN_GROUP, 9, join("g-full", ""));
            JoinGroupResponseData second = client.request(ApiKeys.JOIN_GROUP, 9, join("g-full", ""));
            assertThat(first.errorCode()).isEqualTo(Errors.MEMBER_ID_REQUIRED.code());
            assertThat(second.errorCode()).isEqualTo(Errors.MEMBER_ID_REQUIRED.code());
            JoinGroupResponseData third = client.request(ApiKeys.JOIN_GROUP, 9, join("g-full", ""));
            assertThat(third.errorCode()).isEqualTo(Errors.GROUP_MAX_SIZE_REACHED.code());
        }
    }
}
