package io.streambus.broker.handler.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consume-transform-produce with {@code sendOffsetsToTransaction}: aborted transactions neither publish
 * their output nor move the group's offsets, so a restarted application redoes exactly their input.
 */
class ConsumeTransformProduceTest {

    private static final int RECORDS = 60;

    @TempDir
    static Path dataDir;
    static TestBroker broker;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(dataDir, TxnClients.BROKER_CONFIGS);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void abortedTransactionsAreRedoneAndEveryInputIsTransformedOnce() throws Exception {
        TestTopics.create(broker, "ctp-in", 2);
        TestTopics.create(broker, "ctp-out", 2);
        try (KafkaProducer<String, String> input = TxnClients.producer(broker, "ctp-loader", Map.of())) {
            input.initTransactions();
            input.beginTransaction();
            for (int i = 0; i < RECORDS; i++) {
                input.send(new ProducerRecord<>("ctp-in", i % 2, "k" + i, "v" + i));
            }
            input.commitTransaction();
        }
        // Three application instances in turn; each aborts its third transaction, as a crash would.
        for (int instance = 0; instance < 3; instance++) {
            runInstance(instance);
        }
        runInstance(-1); // the last one runs to the end
        List<TopicPartition> out = List.of(new TopicPartition("ctp-out", 0), new TopicPartition("ctp-out", 1));
        List<String> outputs = TxnClients.readAll(broker, "read_committed", out);
        assertThat(outputs).hasSize(RECORDS).doesNotHaveDuplicates()
                .allMatch(v -> v.startsWith("V"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("ctp",
                    new ListConsumerGroupOffsetsOptions().requireStable(true)).partitionsToOffsetAndMetadata().get();
            assertThat(committed.get(new TopicPartition("ctp-in", 0)).offset()
                    + committed.get(new TopicPartition("ctp-in", 1)).offset())
                    .as("input offsets, markers included").isGreaterThanOrEqualTo(RECORDS);
        }
    }

    /**
     * Processes transactions of up to 7 records from the group's committed offsets; with {@code abortAfter} >= 0
     * aborts its third transaction and stops, as a crash would.
     */
    private static void runInstance(int abortAfter) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "ctp");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 7);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<TopicPartition> in = List.of(new TopicPartition("ctp-in", 0), new TopicPartition("ctp-in", 1));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
             KafkaProducer<String, String> producer = TxnClients.producer(broker, "ctp-app", Map.of())) {
            producer.initTransactions();
            consumer.assign(in);
            int transactions = 0;
            int idle = 0;
            while (idle < 10) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    idle++;
                    continue;
                }
                idle = 0;
                producer.beginTransaction();
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (ConsumerRecord<String, String> record : records) {
                    producer.send(new ProducerRecord<>("ctp-out", record.partition(), record.key(),
                            record.value().toUpperCase()));
                    offsets.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                if (abortAfter >= 0 && ++transactions == 3) {
                    producer.flush();
                    producer.abortTransaction();
                    return;
                }
                producer.commitTransaction();
            }
        }
    }
}
