package io.streambus.broker.handler;

import static io.streambus.broker.handler.DataRequests.PRODUCE_LATEST;
import static io.streambus.broker.handler.DataRequests.batch;
import static io.streambus.broker.handler.DataRequests.listOffsets;
import static io.streambus.broker.handler.DataRequests.produce;
import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.broker.testing.ApiClient;
import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ListOffsets for every offset spec, over raw requests (Admin.listOffsets needs Metadata). */
class ListOffsetsHandlerTest {

    private static final int LATEST_VERSION = ApiKeys.LIST_OFFSETS.latestVersion();

    @TempDir
    static Path dataDir;
    static TestBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start(dataDir);
        TestTopics.create(broker, "times", 1);
        TestTopics.create(broker, "empty", 1);
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            // Offsets 0..3 with timestamps 1000, 3000 (the maximum, twice), 2000.
            long[] timestamps = {1_000, 3_000, 3_000, 2_000};
            for (long timestamp : timestamps) {
                client.request(ApiKeys.PRODUCE, PRODUCE_LATEST - 1, produce("times", 0, (short) -1,
                        batch(Compression.NONE, new SimpleRecord(timestamp, null, "v".getBytes(StandardCharsets.UTF_8)))));
            }
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void earliestLatestAndLocalSpecs() throws Exception {
        assertOffset(ListOffsetsRequest.EARLIEST_TIMESTAMP, -1, 0);
        assertOffset(ListOffsetsRequest.LATEST_TIMESTAMP, -1, 4);
        assertOffset(ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP, -1, 0);
        assertOffset(ListOffsetsRequest.LATEST_TIERED_TIMESTAMP, -1, -1);
    }

    @Test
    void maxTimestampIsTheFirstRecordCarryingIt() throws Exception {
        assertOffset(ListOffsetsRequest.MAX_TIMESTAMP, 3_000, 1);
    }

    @Test
    void byTimestampFindsTheEarliestAtOrAfter() throws Exception {
        assertOffset(0, 1_000, 0);
        assertOffset(1_500, 3_000, 1);
        assertOffset(2_000, 3_000, 1);
        assertOffset(3_001, -1, -1);
    }

    @Test
    void emptyPartition() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            ListOffsetsPartitionResponse latest = only(client.request(ApiKeys.LIST_OFFSETS, LATEST_VERSION,
                    listOffsets("empty", 0, ListOffsetsRequest.LATEST_TIMESTAMP)));
            assertThat(latest.offset()).isZero();
            ListOffsetsPartitionResponse max = only(client.request(ApiKeys.LIST_OFFSETS, LATEST_VERSION,
                    listOffsets("empty", 0, ListOffsetsRequest.MAX_TIMESTAMP)));
            assertThat(max.offset()).isEqualTo(-1);
            assertThat(max.timestamp()).isEqualTo(-1);
        }
    }

    @Test
    void errors() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            ListOffsetsPartitionResponse unknown = only(client.request(ApiKeys.LIST_OFFSETS, LATEST_VERSION,
                    listOffsets("nope", 0, ListOffsetsRequest.EARLIEST_TIMESTAMP)));
            assertThat(Errors.forCode(unknown.errorCode())).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
            // Max timestamp arrived in v7: an older request cannot ask for it.
            ListOffsetsPartitionResponse tooOld = only(client.request(ApiKeys.LIST_OFFSETS, 6,
                    listOffsets("times", 0, ListOffsetsRequest.MAX_TIMESTAMP)));
            assertThat(Errors.forCode(tooOld.errorCode())).isEqualTo(Errors.UNSUPPORTED_VERSION);
            ListOffsetsPartitionResponse v1 = only(client.request(ApiKeys.LIST_OFFSETS, 1,
                    listOffsets("times", 0, ListOffsetsRequest.LATEST_TIMESTAMP)));
            assertThat(v1.offset()).isEqualTo(4);
        }
    }

    private static void assertOffset(long spec, long expectedTimestamp, long expectedOffset) throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            ListOffsetsPartitionResponse response = only(client.request(ApiKeys.LIST_OFFSETS, LATEST_VERSION,
                    listOffsets("times", 0, spec)));
            assertThat(Errors.forCode(response.errorCode())).as("spec %d", spec).isEqualTo(Errors.NONE);
            assertThat(response.offset()).as("offset for spec %d", spec).isEqualTo(expectedOffset);
            assertThat(response.timestamp()).as("timestamp for spec %d", spec).isEqualTo(expectedTimestamp);
            assertThat(response.leaderEpoch()).isEqualTo(expectedOffset < 0 ? -1 : 0);
        }
    }

    private static ListOffsetsPartitionResponse only(ListOffsetsResponseData response) {
        return response.topics().getFirst().partitions().getFirst();
    }
}
