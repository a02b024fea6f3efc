package io.streambus.broker.handler;

import static io.streambus.broker.handler.DataRequests.FETCH_LATEST;
import static io.streambus.broker.handler.DataRequests.PRODUCE_LATEST;
import static io.streambus.broker.handler.DataRequests.batch;
import static io.streambus.broker.handler.DataRequests.fetch;
import static io.streambus.broker.handler.DataRequests.fetchPartition;
import static io.streambus.broker.handler.DataRequests.fetchTopic;
import static io.streambus.broker.handler.DataRequests.onlyPartition;
import static io.streambus.broker.handler.DataRequests.produce;
import static io.streambus.broker.handler.DataRequests.records;
import static io.streambus.broker.handler.DataRequests.value;
import static io.streambus.broker.handler.DataRequests.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.broker.testing.ApiClient;
import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Produce over a real socket: acks, codecs, versions and every per-partition error the handler returns. */
class ProduceHandlerTest {

    @TempDir
    static Path dataDir;
    static TestBroker broker;
    static Uuid topicId;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(dataDir);
        topicId = TestTopics.create(broker, "orders", 2);
        TestTopics.create(broker, "small", 1, Map.of("max.message.bytes", "200"));
        for (String codec : List.of("none", "gzip", "snappy", "lz4", "zstd")) {
            TestTopics.create(broker, "codec-" + codec, 1);
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void everyCodecRoundTripsWithKeysHeadersAndTimestamps(String codec) throws Exception {
        Compression compression = switch (codec) {
            case "gzip" -> Compression.gzip().build();
            case "snappy" -> Compression.snappy().build();
            case "lz4" -> Compression.lz4().build();
            case "zstd" -> Compression.zstd().build();
            default -> Compression.NONE;
        };
        Header[] headers = {new RecordHeader("h", "v".getBytes(StandardCharsets.UTF_8))};
        MemoryRecords sent = batch(compression,
                new SimpleRecord(1_000L, bytes("k1"), bytes("v1"), headers),
                new SimpleRecord(2_000L, bytes("k2"), bytes("v2"), headers));
        String topic = "codec-" + codec;
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            ProduceResponseData response = client.request(ApiKeys.PRODUCE, PRODUCE_LATEST - 1,
                    produce(topic, 0, (short) -1, sent));
            PartitionProduceResponse result = only(response);
            assertThat(Errors.forCode(result.errorCode())).isEqualTo(Errors.NONE);
            assertThat(result.baseOffset()).isZero();
            assertThat(result.logAppendTimeMs()).isEqualTo(-1);
            assertThat(result.logStartOffset()).isZero();

            FetchResponseData fetched = client.request(ApiKeys.FETCH, 12,
                    fetch(0, 1, 1 << 20, fetchTopic(topic, Uuid.ZERO_UUID, fetchPartition(0, 0, 1 << 20))));
            FetchResponseData.PartitionData data = onlyPartition(fetched);
            assertThat(data.highWatermark()).isEqualTo(2);
            RecordBatch batch = DataRequests.batches(data).getFirst();
            assertThat(batch.compressionType()).isEqualTo(compression.type());
            List<Record> records = records(data);
            assertThat(records).hasSize(2);
            assertThat(records.get(1).offset()).isEqualTo(1);
            assertThat(records.get(1).timestamp()).isEqualTo(2_000L);
            assertThat(StandardCharsets.UTF_8.decode(records.get(1).key()).toString()).isEqualTo("k2");
            assertThat(value(records.get(1))).isEqualTo("v2");
            assertThat(records.get(1).headers()).containsExactly(headers);
        }
    }

    @Test
    void acksOneAnswersAndTheDataBecomesVisible() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            PartitionProduceResponse result = only(client.request(ApiKeys.PRODUCE, PRODUCE_LATEST - 1,
                    produce("orders", 1, (short) 1, values("a", "b", "c"))));
            assertThat(Errors.forCode(result.errorCode())).isEqualTo(Errors.NONE);
            long end = result.baseOffset() + 3;
            // The group commit after an acks=1 append moves the high watermark: a long-poll sees it.
            FetchResponseData fetched = client.request(ApiKeys.FETCH, FETCH_LATEST,
                    fetch(5_000, 1, 1 << 20, fetchTopic("", topicId, fetchPartition(1, end - 3, 1 << 20))));
            assertThat(onlyPartition(fetched).highWatermark()).isGreaterThanOrEqualTo(end);
            assertThat(records(onlyPartition(fetched))).extracting(DataRequests::value).startsWith("a", "b", "c");
        }
    }

    @Test
    void acksZeroSendsNothingAndTheNextRequestIsAnswered() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            long before = TestTopics.partition(broker, "orders", 0).log().logEndOffset();
            client.send(ApiKeys.PRODUCE, PRODUCE_LATEST - 1, produce("orders", 0, (short) 0, values("x")));
            // The next response on the connection is the acks=1 one: the acks=0 request got none.
            PartitionProduceResponse result = only(client.request(ApiKeys.PRODUCE, PRODUCE_LATEST - 1,
                    produce("orders", 0, (short) 1, values("y"))));
            assertThat(result.baseOffset()).isEqualTo(before + 1);
        }
    }

    @Test
    void acksZeroFailureClosesTheConnection() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            client.send(ApiKeys.PRODUCE, PRODUCE_LATEST - 1, produce("missing", 0, (short) 0, values("x")));
            assertThat(client.closedByBroker()).isTrue();
        }
    }

    @Test
    void topicIdsFromVersion13() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            ProduceResponseData ok = client.request(ApiKeys.PRODUCE, 13,
                    produce("", topicId, 0, (short) 1, values("by-id")));
            assertThat(ok.responses().iterator().next().topicId()).isEqualTo(topicId);
            assertThat(Errors.forCode(only(ok).errorCode())).isEqualTo(Errors.NONE);

            ProduceResponseData unknown = client.request(ApiKeys.PRODUCE, 13,
                    produce("", Uuid.randomUuid(), 0, (short) 1, values("x")));
            assertThat(Errors.forCode(only(unknown).errorCode())).isEqualTo(Errors.UNKNOWN_TOPIC_ID);
        }
    }

    @Test
    void perPartitionErrors() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            short version = (short) (PRODUCE_LATEST - 1);
            assertThat(error(client, version, produce("missing", 0, (short) 1, values("x"))))
                    .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
            assertThat(error(client, version, produce("orders", 7, (short) 1, values("x"))))
                    .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
            assertThat(error(client, version, produce("__consumer_offsets", 0, (short) 1, values("x"))))
                    .isEqualTo(Errors.INVALID_TOPIC_EXCEPTION);
            assertThat(error(client, version, produce("orders", 0, (short) 2, values("x"))))
                    .isEqualTo(Errors.INVALID_REQUIRED_ACKS);
            MemoryRecords large = values("x".repeat(500));
            assertThat(error(client, version, produce("small", 0, (short) 1, large)))
                    .isEqualTo(Errors.MESSAGE_TOO_LARGE);
        }
    }

    @Test
    void corruptBatchIsRejectedAndNothingIsWritten() throws Exception {
        MemoryRecords records = values("one", "two");
        ByteBuffer buffer = records.buffer();
        int last = buffer.limit() - 1;
        buffer.put(last, (byte) (buffer.get(last) ^ 0x5A)); // a payload byte: the CRC no longer matches
        long before = TestTopics.partition(broker, "orders", 0).log().logEndOffset();
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            assertThat(error(client, (short) (PRODUCE_LATEST - 1),
                    produce("orders", 0, (short) 1, MemoryRecords.readableRecords(buffer))))
                    .isEqualTo(Errors.CORRUPT_MESSAGE);
        }
        assertThat(TestTopics.partition(broker, "orders", 0).log().logEndOffset()).isEqualTo(before);
    }

    @Test
    void oldestServedVersionWorks() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            assertThat(error(client, (short) 3, produce("orders", 0, (short) -1, values("v3"))))
                    .isEqualTo(Errors.NONE);
        }
    }

    @Test
    void apiVersionsAdvertisesProduceFromZero() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            ApiVersionsResponseData versions = client.request(ApiKeys.API_VERSIONS, 3,
                    new ApiVersionsRequestData().setClientSoftwareName("test").setClientSoftwareVersion("1"));
            ApiVersionsResponseData.ApiVersion produce = versions.apiKeys().find(ApiKeys.PRODUCE.id);
            assertThat(produce.minVersion()).isZero();
            assertThat(produce.maxVersion()).isEqualTo((short) 13);
        }
    }

    private static Errors error(ApiClient client, short version, org.apache.kafka.common.message.ProduceRequestData request)
            throws Exception {
        ProduceResponseData response = client.request(ApiKeys.PRODUCE, version, request);
        return Errors.forCode(only(response).errorCode());
    }

    private static PartitionProduceResponse only(ProduceResponseData response) {
        return response.responses().iterator().next().partitionResponses().getFirst();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
