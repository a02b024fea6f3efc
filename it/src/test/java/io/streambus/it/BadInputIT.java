package io.streambus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streambus.it.support.Clients;
import io.streambus.it.support.InProcessBroker;
import io.streambus.it.support.RawKafkaClient;
import io.streambus.it.support.RawRequests;
import io.streambus.it.support.RecordContent;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input over raw sockets against the full broker: each bad request gets its Kafka error code, the
 * connection and the broker stay usable, a normal producer keeps working, and nothing already written is
 * harmed. After every test the {@code victim} topic is read back in full and checked record by record.
 */
class BadInputIT {

    private static final String VICTIM = "victim";
    private static final int PARTITIONS = 2;

    @TempDir
    static Path dataDir;
    static InProcessBroker broker;
    static KafkaProducer<byte[], byte[]> producer;
    static final RecordContent CONTENT = new RecordContent(1_690_000_000_000L);
    static final long[] WRITTEN = new long[PARTITIONS];

    @BeforeAll
    static void start() throws Exception {
        broker = InProcessBroker.start(dataDir);
        try (Admin admin = Clients.admin(broker.bootstrap())) {
            admin.createTopics(List.of(new NewTopic(VICTIM, PARTITIONS, (short) 1),
                    new NewTopic("small", 1, (short) 1).configs(Map.of("max.message.bytes", "1024")))).all().get();
        }
        producer = Clients.producer(broker.bootstrap());
        produceGood(500);
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** After each bad request: the producer still works and everything written is intact. */
    @AfterEach
    void goodTrafficUnharmed() throws Exception {
        produceGood(50);
        checkVictim();
    }

    @Test
    void corruptCrcIsRejected() throws Exception {
        ByteBuffer buffer = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord("key".getBytes(), "payload-payload-payload".getBytes())).buffer();
        int last = buffer.limit() - 1;
        buffer.put(last, (byte) (buffer.get(last) ^ 0x5A)); // in the CRC-covered part, after the header
        try (RawKafkaClient raw = new RawKafkaClient(broker.port())) {
            var response = RawRequests.produce(raw, VICTIM, 0, MemoryRecords.readableRecords(buffer));
            assertThat(Errors.forCode(response.errorCode())).isEqualTo(Errors.CORRUPT_MESSAGE);
            // The same connection goes on working.
            assertThat(RawRequests.latestOffset(raw, VICTIM, 0).offset()).isEqualTo(WRITTEN[0]);
        }
    }

    @Test
    void truncatedBatchIsRejected() throws Exception {
        ByteBuffer buffer = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord("key".getBytes(), new byte[200])).buffer();
        buffer.limit(buffer.limit() - 50);
        try (RawKafkaClient raw = new RawKafkaClient(broker.port())) {
            var response = RawRequests.produce(raw, VICTIM, 1, MemoryRecords.readableRecords(buffer.slice()));
            assertThat(Errors.forCode(response.errorCode())).isIn(Errors.CORRUPT_MESSAGE, Errors.INVALID_RECORD);
        }
    }

    @Test
    void recordsOverMaxMessageBytesAreRejected() throws Exception {
        try (RawKafkaClient raw = new RawKafkaClient(broker.port())) {
            var response = RawRequests.produce(raw, "small", 0,
                    MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(new byte[4096])));
            assertThat(Errors.forCode(response.errorCode())).isEqualTo(Errors.MESSAGE_TOO_LARGE);
            assertThat(RawRequests.latestOffset(raw, "small", 0).offset()).isZero();
        }
        try (KafkaProducer<byte[], byte[]> large = Clients.producer(broker.bootstrap(),
                Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1 << 20))) {
            assertThatThrownBy(() -> large.send(new ProducerRecord<>("small", new byte[4096])).get())
                    .hasCauseInstanceOf(RecordTooLargeException.class);
            assertThat(large.send(new ProducerRecord<>("small", new byte[100])).get().offset()).isZero();
        }
    }

    @Test
    void unknownPartitionsGetUnknownTopicOrPartition() throws Exception {
        try (RawKafkaClient raw = new RawKafkaClient(broker.port())) {
            MemoryRecords records = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(new byte[10]));
            assertThat(Errors.forCode(RawRequests.produce(raw, VICTIM, 7, records).errorCode()))
                    .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
            assertThat(Errors.forCode(RawRequests.produce(raw, "no-such-topic", 0, records).errorCode()))
                    .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
            assertThat(Errors.forCode(RawRequests.fetch(raw, VICTIM, 7, 0).errorCode()))
                    .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
            assertThat(Errors.forCode(RawRequests.latestOffset(raw, VICTIM, 7).errorCode()))
                    .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
            assertThat(Errors.forCode(RawRequests.fetch(raw, VICTIM, 0, WRITTEN[0] + 1000).errorCode()))
                    .isEqualTo(Errors.OFFSET_OUT_OF_RANGE);
        }
    }

    @Test
    void fetchOfDeletedTopicGetsUnknownTopicOrPartition() throws Exception {
        try (Admin admin = Clients.admin(broker.bootstrap())) {
            admin.createTopics(List.of(new NewTopic("doomed", 1, (short) 1))).all().get();
            producer.send(new ProducerRecord<>("doomed", 0, null, new byte[] {1, 2, 3})).get();
            try (RawKafkaClient raw = new RawKafkaClient(broker.port())) {
                assertThat(Errors.forCode(RawRequests.fetch(raw, "doomed", 0, 0).errorCode())).isEqualTo(Errors.NONE);

                admin.deleteTopics(List.of("doomed")).all().get();
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        RawRequests.fetch(raw, "doomed", 0, 0).errorCode() != Errors.NONE.code());

                assertThat(Errors.forCode(RawRequests.fetch(raw, "doomed", 0, 0).errorCode()))
                        .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
            }
        }
    }

    private static void produceGood(int perPartition) throws Exception {
        Future<RecordMetadata> last = null;
        long lastIndex = -1;
        for (int i = 0; i < perPartition; i++) {
            for (int p = 0; p < PARTITIONS; p++) {
                lastIndex = WRITTEN[p]++;
                last = producer.send(CONTENT.record(VICTIM, p, lastIndex));
            }
        }
        // The last send landed where expected; checkVictim reads back the rest.
        assertThat(last.get().offset()).isEqualTo(lastIndex);
    }

    private static void checkVictim() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(VICTIM, p));
        }
        long[] next = new long[PARTITIONS];
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(broker.bootstrap())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            assertThat(consumer.endOffsets(partitions)).containsOnly(
                    Map.entry(partitions.get(0), WRITTEN[0]), Map.entry(partitions.get(1), WRITTEN[1]));
            while (next[0] < WRITTEN[0] || next[1] < WRITTEN[1]) {
                var records = consumer.poll(Duration.ofSeconds(5));
                assertThat(records.isEmpty()).as("records stopped at %d/%d", next[0], next[1]).isFalse();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    long index = next[record.partition()]++;
                    assertThat(record.offset()).isEqualTo(index);
                    CONTENT.assertMatches(record, index);
                }
            }
        }
    }
}
