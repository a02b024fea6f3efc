package io.streambus.broker.handler;

import static io.streambus.broker.handler.DataRequests.PRODUCE_LATEST;
import static io.streambus.broker.handler.DataRequests.batch;
import static io.streambus.broker.handler.DataRequests.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.broker.testing.ApiClient;
import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topic configs a produce is checked against before anything is appended: {@code min.insync.replicas}
 * (acks=all only) and the CreateTime window of {@code message.timestamp.before/after.max.ms}.
 */
class ProducePolicyTest {

    private static final long HOUR_MS = 3_600_000L;

    @TempDir
    static Path dataDir;
    static TestBroker broker;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(dataDir);
        TestTopics.create(broker, "needs-two", 1, Map.of("min.insync.replicas", "2"));
        TestTopics.create(broker, "plain", 1);
        TestTopics.create(broker, "recent-only", 1, Map.of("message.timestamp.before.max.ms", "60000"));
        TestTopics.create(broker, "broker-time", 1, Map.of("message.timestamp.type", "LogAppendTime"));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void acksAllNeedsMinInsyncReplicasAndNothingIsWrittenWithoutThem() throws Exception {
        long before = TestTopics.partition(broker, "needs-two", 0).log().logEndOffset();
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            PartitionResult refused = produceAt(client, "needs-two", (short) -1, System.currentTimeMillis());
            assertThat(refused.error()).isEqualTo(Errors.NOT_ENOUGH_REPLICAS);
            assertThat(refused.message()).contains("min.isr requirement of 2");
            assertThat(TestTopics.partition(broker, "needs-two", 0).log().logEndOffset()).isEqualTo(before);
            // acks=1 does not wait for replicas, as in Kafka.
            assertThat(produceAt(client, "needs-two", (short) 1, System.currentTimeMillis()).error())
                    .isEqualTo(Errors.NONE);

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, "needs-two"),
                        List.of(new AlterConfigOp(new ConfigEntry("min.insync.replicas", "1"),
                                AlterConfigOp.OpType.SET)))).all().get();
            }
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    produceAt(client, "needs-two", (short) -1, System.currentTimeMillis()).error() == Errors.NONE);
        }
    }

    @Test
    void createTimeOutsideTheWindowIsInvalidTimestamp() throws Exception {
        long now = System.currentTimeMillis();
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            // Kafka's default message.timestamp.after.max.ms is one hour; before.max.ms is unlimited.
            assertThat(produceAt(client, "plain", (short) 1, now + 2 * HOUR_MS).error())
                    .isEqualTo(Errors.INVALID_TIMESTAMP);
            assertThat(produceAt(client, "plain", (short) 1, now + 60_000).error()).isEqualTo(Errors.NONE);
            assertThat(produceAt(client, "plain", (short) 1, 1_000L).error()).isEqualTo(Errors.NONE);

            assertThat(produceAt(client, "recent-only", (short) 1, now - HOUR_MS).error())
                    .isEqualTo(Errors.INVALID_TIMESTAMP);
            assertThat(produceAt(client, "recent-only", (short) 1, now).error()).isEqualTo(Errors.NONE);

            // Under LogAppendTime the broker stamps the batch: the producer's clock does not matter.
            assertThat(produceAt(client, "broker-time", (short) 1, now + 2 * HOUR_MS).error()).isEqualTo(Errors.NONE);
        }
    }

    private record PartitionResult(Errors error, String message) {
    }

    private static PartitionResult produceAt(ApiClient client, String topic, short acks, long timestampMs)
            throws Exception {
        MemoryRecords records = batch(Compression.NONE,
                new SimpleRecord(timestampMs, null, "v".getBytes(StandardCharsets.UTF_8)));
        ProduceRequestData request = produce(topic, 0, acks, records);
        ProduceResponseData response = client.request(ApiKeys.PRODUCE, (short) (PRODUCE_LATEST - 1), request);
        ProduceResponseData.PartitionProduceResponse partition =
                response.responses().iterator().next().partitionResponses().getFirst();
        return new PartitionResult(Errors.forCode(partition.errorCode()), partition.errorMessage());
    }
}
