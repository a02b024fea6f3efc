package io.streambus.broker.handler;

import static io.streambus.broker.handler.DataRequests.FETCH_LATEST;
import static io.streambus.broker.handler.DataRequests.fetch;
import static io.streambus.broker.handler.DataRequests.fetchPartition;
import static io.streambus.broker.handler.DataRequests.fetchTopic;
import static io.streambus.broker.handler.DataRequests.listOffsets;
import static io.streambus.broker.handler.DataRequests.onlyPartition;
import static io.streambus.broker.handler.DataRequests.records;
import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.broker.testing.ApiClient;
import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DeleteRecords, then what fetches and ListOffsets see below the new log start. */
class DeleteRecordsHandlerTest {

    private static final int MB = 1 << 20;

    @TempDir
    static Path dataDir;
    static TestBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start(dataDir);
        TestTopics.create(broker, "trim", 1);
        TestTopics.create(broker, "all", 1);
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            for (int i = 0; i < 10; i++) {
                FetchHandlerTest.produceAll(client, "trim", 0, "r" + i);
            }
            FetchHandlerTest.produceAll(client, "all", 0, "a", "b");
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void deleteBeforeAnOffsetThenReadBelowItIsOutOfRange() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            DeleteRecordsPartitionResult result = delete(client, "trim", 5);
            assertThat(Errors.forCode(result.errorCode())).isEqualTo(Errors.NONE);
            assertThat(result.lowWatermark()).isEqualTo(5);

            FetchResponseData below = client.request(ApiKeys.FETCH, FETCH_LATEST - 6,
                    fetch(0, 1, MB, fetchTopic("trim", Uuid.ZERO_UUID, fetchPartition(0, 2, MB))));
            assertThat(Errors.forCode(onlyPartition(below).errorCode())).isEqualTo(Errors.OFFSET_OUT_OF_RANGE);
            assertThat(onlyPartition(below).logStartOffset()).isEqualTo(5);

            FetchResponseData from = client.request(ApiKeys.FETCH, FETCH_LATEST - 6,
                    fetch(0, 1, MB, fetchTopic("trim", Uuid.ZERO_UUID, fetchPartition(0, 5, MB))));
            assertThat(records(onlyPartition(from)).getFirst().offset()).isEqualTo(5);
            assertThat(onlyPartition(from).logStartOffset()).isEqualTo(5);

            ListOffsetsResponseData earliest = client.request(ApiKeys.LIST_OFFSETS, ApiKeys.LIST_OFFSETS.latestVersion(),
                    listOffsets("trim", 0, ListOffsetsRequest.EARLIEST_TIMESTAMP));
            assertThat(earliest.topics().getFirst().partitions().getFirst().offset()).isEqualTo(5);

            assertThat(Errors.forCode(delete(client, "trim", 11).errorCode())).isEqualTo(Errors.OFFSET_OUT_OF_RANGE);
            assertThat(Errors.forCode(delete(client, "nope", 1).errorCode())).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        }
    }

    @Test
    void minusOneMeansTheHighWatermark() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            DeleteRecordsPartitionResult result = delete(client, "all", -1);
            assertThat(Errors.forCode(result.errorCode())).isEqualTo(Errors.NONE);
            assertThat(result.lowWatermark()).isEqualTo(2);
            assertThat(TestTopics.partition(broker, "all", 0).log().logStartOffset()).isEqualTo(2);
        }
    }

    private static DeleteRecordsPartitionResult delete(ApiClient client, String topic, long offset) throws Exception {
        DeleteRecordsRequestData request = new DeleteRecordsRequestData().setTimeoutMs(5_000).setTopics(List.of(
                new DeleteRecordsRequestData.DeleteRecordsTopic().setName(topic).setPartitions(List.of(
                        new DeleteRecordsRequestData.DeleteRecordsPartition().setPartitionIndex(0).setOffset(offset)))));
        DeleteRecordsResponseData response = client.request(ApiKeys.DELETE_RECORDS,
                ApiKeys.DELETE_RECORDS.latestVersion(), request);
        return response.topics().iterator().next().partitions().iterator().next();
    }
}
