package io.streambus.broker.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.broker.testing.ApiClient;
import io.streambus.broker.testing.TestBroker;
import io.streambus.metadata.controller.BrokerHeartbeatRequest;
import io.streambus.metadata.controller.BrokerHeartbeatResult;
import io.streambus.metadata.controller.BrokerRegistrationRequest;
import io.streambus.metadata.controller.BrokerRegistrationResult;
import io.streambus.metadata.controller.ControllerService;
import io.streambus.metadata.controller.CreatableTopic;
import io.streambus.metadata.controller.CreateTopicResult;
import io.streambus.metadata.record.BrokerEndpoint;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partition the cluster has but this broker does not lead: the data-path APIs answer NOT_LEADER_OR_FOLLOWER,
 * Kafka's code that sends a client to refresh its metadata and find the leader; Metadata names the real
 * leader; FindCoordinator names the leader of the key's internal partition. A second broker is registered with the node's own controller, and a topic placed on it by hand.
 */
class PartitionsLedElsewhereTest {

    private static final String TOPIC = "elsewhere";
    private static final int OTHER_BROKER = 2;

    @TempDir
    Path dataDir;
    private TestBroker broker;
    private ApiClient client;
    private Uuid topicId;

    @BeforeEach
    void placeATopicOnAnotherBroker() throws Exception {
        broker = TestBroker.start(dataDir, Map.of("offsets.topic.num.partitions", "2",
                "transaction.state.log.num.partitions", "2"));
        ControllerService controller = broker.broker().services().controller();
        BrokerRegistrationResult registered = controller.registerBroker(new BrokerRegistrationRequest(OTHER_BROKER,
                Uuid.randomUuid(), List.of(new BrokerEndpoint("PLAINTEXT", "127.0.0.1", 1)), null)).join();
        assertThat(registered.error().isSuccess()).as(registered.error().toString()).isTrue();
        BrokerHeartbeatResult unfenced = controller.brokerHeartbeat(new BrokerHeartbeatRequest(OTHER_BROKER,
                registered.brokerEpoch(), Long.MAX_VALUE, false, false)).join();
        assertThat(unfenced.isFenced()).isFalse();
        topicId = createOnOtherBroker(controller, TOPIC, 1);
        // Both internal topics wholly on the other broker: it coordinates every group and transactional id.
        createOnOtherBroker(controller, "__consumer_offsets", 2);
        createOnOtherBroker(controller, "__transaction_state", 2);
        client = new ApiClient(broker.bootstrap());
    }

    private static Uuid createOnOtherBroker(ControllerService controller, String topic, int partitions) {
        Map<Integer, List<Integer>> assignments = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            assignments.put(partition, List.of(OTHER_BROKER));
        }
        CreateTopicResult created = controller.createTopics(List.of(new CreatableTopic(topic, -1, (short) -1,
                assignments, Map.of())), false).join().getFirst();
        assertThat(created.error().isSuccess()).as(created.error().toString()).isTrue();
        return created.topicId();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        broker.close();
    }

    @Test
    void metadataNamesTheOtherBrokerAsLeader() throws Exception {
        MetadataResponseData metadata = client.request(ApiKeys.METADATA, 12, new MetadataRequestData().setTopics(
                List.of(new MetadataRequestData.MetadataRequestTopic().setName(TOPIC))));

        assertThat(metadata.brokers()).extracting(MetadataResponseData.MetadataResponseBroker::nodeId)
                .containsExactlyInAnyOrder(1, OTHER_BROKER);
        assertThat(metadata.topics().find(TOPIC).partitions()).singleElement().satisfies(partition -> {
            assertThat(partition.errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(partition.leaderId()).isEqualTo(OTHER_BROKER);
            assertThat(partition.replicaNodes()).containsExactly(OTHER_BROKER);
        });
    }

    @Test
    void produceFetchAndListOffsetsGetNotLeaderOrFollower() throws Exception {
        ProduceResponseData produced = client.request(ApiKeys.PRODUCE, 9,
                DataRequests.produce(TOPIC, 0, (short) -1, DataRequests.values("a")));
        assertThat(produced.responses().find(TOPIC, Uuid.ZERO_UUID).partitionResponses().getFirst().errorCode())
                .isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER.code());

        FetchResponseData fetched = client.request(ApiKeys.FETCH, 12, DataRequests.fetch(0, 1, 1 << 20,
                DataRequests.fetchTopic(TOPIC, topicId, DataRequests.fetchPartition(0, 0, 1 << 20))));
        assertThat(fetched.responses().getFirst().partitions().getFirst().errorCode())
                .isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER.code());

        ListOffsetsResponseData offsets = client.request(ApiKeys.LIST_OFFSETS, 7,
                DataRequests.listOffsets(TOPIC, 0, -1));
        assertThat(offsets.topics().getFirst().partitions().getFirst().errorCode())
                .isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER.code());
    }

    @Test
    void findCoordinatorAnswersWithTheLeaderOfTheInternalPartition() throws Exception {
        for (FindCoordinatorRequest.CoordinatorType type : List.of(FindCoordinatorRequest.CoordinatorType.GROUP,
                FindCoordinatorRequest.CoordinatorType.TRANSACTION)) {
            FindCoordinatorResponseData found = client.request(ApiKeys.FIND_COORDINATOR, 4,
                    new FindCoordinatorRequestData().setKeyType(type.id()).setCoordinatorKeys(List.of("a", "b")));
            assertThat(found.coordinators()).as(type.toString()).hasSize(2).allSatisfy(coordinator -> {
                assertThat(coordinator.errorCode()).isEqualTo(Errors.NONE.code());
                assertThat(coordinator.nodeId()).isEqualTo(OTHER_BROKER);
                assertThat(coordinator.port()).isEqualTo(1);
            });
        }
    }

    @Test
    void aPartitionTheTopicDoesNotHaveIsStillUnknown() throws Exception {
        ProduceResponseData produced = client.request(ApiKeys.PRODUCE, 9,
                DataRequests.produce(TOPIC, 5, (short) -1, DataRequests.values("a")));
        assertThat(produced.responses().find(TOPIC, Uuid.ZERO_UUID).partitionResponses().getFirst().errorCode())
                .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    }
}
