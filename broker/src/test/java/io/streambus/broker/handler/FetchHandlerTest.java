package io.streambus.broker.handler;

import static io.streambus.broker.handler.DataRequests.FETCH_LATEST;
import static io.streambus.broker.handler.DataRequests.PRODUCE_LATEST;
import static io.streambus.broker.handler.DataRequests.batches;
import static io.streambus.broker.handler.DataRequests.fetch;
import static io.streambus.broker.handler.DataRequests.fetchPartition;
import static io.streambus.broker.handler.DataRequests.fetchTopic;
import static io.streambus.broker.handler.DataRequests.onlyPartition;
import static io.streambus.broker.handler.DataRequests.produce;
import static io.streambus.broker.handler.DataRequests.records;
import static io.streambus.broker.handler.DataRequests.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.broker.testing.ApiClient;
import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetch over a real socket: long-poll, byte limits, offsets out of range, topic ids, replica fetches. */
class FetchHandlerTest {

    private static final int MB = 1 << 20;

    @TempDir
    static Path dataDir;
    static TestBroker broker;
    static Uuid limitsId;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start(dataDir);
        TestTopics.create(broker, "empty", 1);
        TestTopics.create(broker, "wakeup", 1);
        TestTopics.create(broker, "ranges", 1);
        limitsId = TestTopics.create(broker, "limits", 2);
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            for (int partition = 0; partition < 2; partition++) {
                for (int i = 0; i < 3; i++) {
                    produceAll(client, "limits", partition, "x".repeat(1_000));
                }
            }
            produceAll(client, "ranges", 0, "a", "b", "c");
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void longPollIsAnsweredAsSoonAsDataArrives() throws Exception {
        try (ApiClient consumer = new ApiClient(broker.bootstrap());
             ApiClient producer = new ApiClient(broker.bootstrap())) {
            // Waits up to a minute, but the read times out after 10 s: only an early answer passes.
            consumer.send(ApiKeys.FETCH, FETCH_LATEST - 6,
                    fetch(60_000, 1, MB, fetchTopic("wakeup", Uuid.ZERO_UUID, fetchPartition(0, 0, MB))));
            await().atMost(Duration.ofSeconds(5)).until(() -> broker.broker().services().replicas()
                    .fetchPurgatory().watched(new TopicPartition("wakeup", 0)) > 0);
            produceAll(producer, "wakeup", 0, "hello");
            FetchResponseData response = (FetchResponseData) consumer.receive(ApiKeys.FETCH, (short) (FETCH_LATEST - 6));
            assertThat(records(onlyPartition(response))).extracting(DataRequests::value).containsExactly("hello");
            assertThat(response.sessionId()).isZero();
        }
    }

    @Test
    void longPollOnAnEmptyPartitionEndsEmptyAtMaxWait() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            FetchResponseData response = client.request(ApiKeys.FETCH, FETCH_LATEST - 6,
                    fetch(200, 1, MB, fetchTopic("empty", Uuid.ZERO_UUID, fetchPartition(0, 0, MB))));
            FetchResponseData.PartitionData data = onlyPartition(response);
            assertThat(Errors.forCode(data.errorCode())).isEqualTo(Errors.NONE);
            assertThat(data.records().sizeInBytes()).isZero();
            assertThat(data.highWatermark()).isZero();
            assertThat(data.preferredReadReplica()).isEqualTo(-1);
            assertThat(data.abortedTransactions()).isNull();
        }
    }

    @Test
    void partitionMaxBytesStillReturnsTheFirstBatch() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            FetchResponseData response = client.request(ApiKeys.FETCH, FETCH_LATEST,
                    fetch(0, 1, MB, fetchTopic("", limitsId, fetchPartition(0, 0, 1))));
            assertThat(batches(onlyPartition(response))).hasSize(1);
            assertThat(onlyPartition(response).highWatermark()).isEqualTo(3);
        }
    }

    @Test
    void responseMaxBytesIsABudgetAcrossPartitions() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            // Room for about two of the ~1 KB batches: partition 0 takes them, partition 1 gets nothing.
            FetchResponseData response = client.request(ApiKeys.FETCH, FETCH_LATEST,
                    fetch(0, 1, 2_200, fetchTopic("", limitsId, fetchPartition(0, 0, MB), fetchPartition(1, 0, MB))));
            List<FetchResponseData.PartitionData> partitions = response.responses().getFirst().partitions();
            assertThat(batches(partitions.get(0))).hasSize(2);
            assertThat(partitions.get(1).records().sizeInBytes()).isZero();
            assertThat(partitions.get(0).records().sizeInBytes()).isLessThanOrEqualTo(2_200);

            // A budget below one batch still lets the first one through.
            FetchResponseData tiny = client.request(ApiKeys.FETCH, FETCH_LATEST,
                    fetch(0, 1, 10, fetchTopic("", limitsId, fetchPartition(0, 0, MB), fetchPartition(1, 0, MB))));
            List<FetchResponseData.PartitionData> tinyPartitions = tiny.responses().getFirst().partitions();
            assertThat(batches(tinyPartitions.get(0))).hasSize(1);
            assertThat(tinyPartitions.get(1).records().sizeInBytes()).isZero();
        }
    }

    @Test
    void offsetsOutsideTheLogAreOutOfRangeAndTheEndIsEmpty() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            FetchResponseData past = client.request(ApiKeys.FETCH, FETCH_LATEST - 6,
                    fetch(0, 1, MB, fetchTopic("ranges", Uuid.ZERO_UUID, fetchPartition(0, 4, MB))));
            assertThat(Errors.forCode(onlyPartition(past).errorCode())).isEqualTo(Errors.OFFSET_OUT_OF_RANGE);
            assertThat(onlyPartition(past).highWatermark()).isEqualTo(3);

            FetchResponseData atEnd = client.request(ApiKeys.FETCH, FETCH_LATEST - 6,
                    fetch(0, 1, MB, fetchTopic("ranges", Uuid.ZERO_UUID, fetchPartition(0, 3, MB))));
            assertThat(Errors.forCode(onlyPartition(atEnd).errorCode())).isEqualTo(Errors.NONE);
            assertThat(onlyPartition(atEnd).records().sizeInBytes()).isZero();

            FetchResponseData middle = client.request(ApiKeys.FETCH, FETCH_LATEST - 6,
                    fetch(0, 1, MB, fetchTopic("ranges", Uuid.ZERO_UUID, fetchPartition(0, 1, MB))));
            // Whole batches come back: the batch holding offset 1 starts at 0, as in Kafka.
            assertThat(records(onlyPartition(middle))).extracting(DataRequests::value).containsExactly("a", "b", "c");
        }
    }

    @Test
    void readCommittedReturnsAnAbortedTransactionList() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            FetchRequestData request = fetch(0, 1, MB, fetchTopic("ranges", Uuid.ZERO_UUID, fetchPartition(0, 0, MB)))
                    .setIsolationLevel(IsolationLevel.READ_COMMITTED.id());
            FetchResponseData response = client.request(ApiKeys.FETCH, FETCH_LATEST - 6, request);
            assertThat(onlyPartition(response).abortedTransactions()).isEmpty();
            assertThat(onlyPartition(response).lastStableOffset()).isEqualTo(3);
            assertThat(records(onlyPartition(response))).hasSize(3);
        }
    }

    @Test
    void unknownPartitionsTopicIdsAndReplicaFetches() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            FetchResponseData unknown = client.request(ApiKeys.FETCH, FETCH_LATEST - 6,
                    fetch(0, 1, MB, fetchTopic("nope", Uuid.ZERO_UUID, fetchPartition(0, 0, MB))));
            assertThat(Errors.forCode(onlyPartition(unknown).errorCode())).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);

            FetchResponseData unknownId = client.request(ApiKeys.FETCH, FETCH_LATEST,
                    fetch(0, 1, MB, fetchTopic("", Uuid.randomUuid(), fetchPartition(0, 0, MB))));
            assertThat(Errors.forCode(onlyPartition(unknownId).errorCode())).isEqualTo(Errors.UNKNOWN_TOPIC_ID);

            FetchResponseData replica = client.request(ApiKeys.FETCH, 12,
                    fetch(0, 1, MB, fetchTopic("ranges", Uuid.ZERO_UUID, fetchPartition(0, 0, MB))).setReplicaId(2));
            assertThat(Errors.forCode(onlyPartition(replica).errorCode())).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);

            FetchResponseData session = client.request(ApiKeys.FETCH, FETCH_LATEST,
                    fetch(0, 1, MB, fetchTopic("", limitsId, fetchPartition(0, 0, MB))).setSessionId(42));
            assertThat(Errors.forCode(session.errorCode())).isEqualTo(Errors.FETCH_SESSION_ID_NOT_FOUND);
        }
    }

    @Test
    void oldestServedVersionWorks() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            FetchResponseData response = client.request(ApiKeys.FETCH, 4,
                    fetch(0, 1, MB, fetchTopic("ranges", Uuid.ZERO_UUID, fetchPartition(0, 0, MB))));
            assertThat(records(onlyPartition(response))).hasSize(3);
        }
    }

    static void produceAll(ApiClient client, String topic, int partition, String... values) throws Exception {
        ProduceResponseData response = client.request(ApiKeys.PRODUCE, PRODUCE_LATEST - 1,
                produce(topic, partition, (short) -1, values(values)));
        assertThat(Errors.forCode(response.responses().iterator().next().partitionResponses().getFirst().errorCode()))
                .isEqualTo(Errors.NONE);
    }
}
