package io.streambus.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention and compaction seen by real, unmodified Kafka clients: a consumer below a log start that
 * retention advanced resets by its policy; a topic config change takes effect without restart; a compacted
 * topic rejects records without a key and reads back the latest value per key while producers keep going.
 */
class RetentionAndCompactionTest {

    @TempDir
    static Path dataDir;
    static TestBroker broker;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(dataDir, Map.of("log.retention.check.interval.ms", "50",
                "log.cleaner.backoff.ms", "20", "log.cleaner.dedupe.buffer.size", "4194304"));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void consumersBelowTheLogStartAfterRetentionFollowTheirResetPolicy() throws Exception {
        TestTopics.create(broker, "expiring", 1, Map.of("segment.bytes", "1024"));
        TopicPartition tp = new TopicPartition("expiring", 0);
        try (KafkaProducer<String, String> producer = producer(); Admin admin = admin()) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("expiring", "k" + i, "value-" + i)).get();
            }
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, "expiring"),
                    List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "1"), AlterConfigOp.OpType.SET))))
                    .all().get();
            await().atMost(Duration.ofSeconds(10)).until(() -> earliest(admin, tp) > 0);
            long logStart = earliest(admin, tp);
            assertThat(logStart).isLessThan(100); // the active segment stays

            try (KafkaConsumer<String, String> consumer = consumer("earliest")) {
                consumer.assign(List.of(tp));
                consumer.seek(tp, 0);
                List<ConsumerRecord<String, String>> records = pollAtLeast(consumer, 1);
                assertThat(records.getFirst().offset()).isEqualTo(logStart);
            }
            try (KafkaConsumer<String, String> consumer = consumer("none")) {
                consumer.assign(List.of(tp));
                consumer.seek(tp, 0);
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 50; i++) {
                        consumer.poll(Duration.ofMillis(100));
                    }
                }).isInstanceOf(OffsetOutOfRangeException.class);
            }
        }
    }

    @Test
    void compactedTopicsRejectRecordsWithoutKey() {
        TestTopics.create(broker, "keyed", 1, Map.of("cleanup.policy", "compact"));
        try (KafkaProducer<String, String> producer = producer()) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("keyed", null, "no key")).get())
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(InvalidRecordException.class);
        }
    }

    @Test
    void aCompactedTopicReadsBackTheLatestValuePerKeyWhileProducersKeepGoing() throws Exception {
        TestTopics.create(broker, "table", 1, Map.of("cleanup.policy", "compact", "segment.bytes", "2048",
                "min.cleanable.dirty.ratio", "0.01", "delete.retention.ms", "0"));
        TopicPartition tp = new TopicPartition("table", 0);
        Map<String, String> latest = new HashMap<>();
        int produced = 0;
        try (KafkaProducer<String, String> producer = producer()) {
            for (int round = 0; round < 30; round++) {
                for (int k = 0; k < 10; k++) {
                    String value = k == 9 && round == 29 ? null : "r" + round + "-k" + k;
                    producer.send(new ProducerRecord<>("table", "key" + k, value));
                    latest.put("key" + k, value);
                    produced++;
                }
            }
            producer.flush();
            latest.values().removeIf(v -> v == null);
            var log = TestTopics.partition(broker, "table", 0).log();
            await().atMost(Duration.ofSeconds(15)).until(() -> log.cleaningStats().totalBytesReclaimed() > 0);
            // Producers keep going while the cleaner works; their records stay.
            producer.send(new ProducerRecord<>("table", "key0", "after")).get();
            latest.put("key0", "after");
            produced++;
        }
        try (KafkaConsumer<String, String> consumer = consumer("earliest")) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            Map<String, String> read = new HashMap<>();
            long end = produced;
            List<ConsumerRecord<String, String>> all = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    all.add(record);
                    if (record.value() == null) {
                        read.remove(record.key());
                    } else {
                        read.put(record.key(), record.value());
                    }
                }
                return consumer.position(tp) >= end;
            });
            assertThat(read).isEqualTo(latest);
            assertThat(all.size()).as("compaction left offset gaps").isLessThan(produced);
        }
    }

    private static long earliest(Admin admin, TopicPartition tp) throws Exception {
        return admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).partitionResult(tp).get().offset();
    }

    private static List<ConsumerRecord<String, String>> pollAtLeast(KafkaConsumer<String, String> consumer, int n) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            return records.size() >= n;
        });
        return records;
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.RETRIES_CONFIG, "0");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        // Small batches, so the small segments roll and the cleaner has sealed segments to work on.
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "256");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String reset) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()));
    }

}
