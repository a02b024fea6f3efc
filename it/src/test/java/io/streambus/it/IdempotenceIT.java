package io.streambus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.it.support.Clients;
import io.streambus.it.support.InProcessBroker;
import io.streambus.it.support.RawKafkaClient;
import io.streambus.it.support.RawRequests;
import io.streambus.it.support.TcpProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.apache.kafka.common.message.InitProducerIdResponseData;
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
 * The idempotent producer's duplicate detection, end to end: a proxy between KafkaProducer and the broker
 * swallows the response to a Produce the broker did append; the producer times out, reconnects and sends
 * the same batch again; the broker must answer with the original offsets and keep one copy.
 */
class IdempotenceIT {

    private static final int BATCH = 20;

    @TempDir
    static Path dataDir;
    static TcpProxy proxy;
    static InProcessBroker broker;

    @BeforeAll
    static void start() throws Exception {
        proxy = new TcpProxy();
        // Clients learn the broker's address from metadata: it must be the proxy's.
        broker = InProcessBroker.start(dataDir, "advertised.listeners=PLAINTEXT://127.0.0.1:" + proxy.port());
        proxy.targetPort(broker.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void retriedBatchIsAnsweredWithTheOriginalOffsetsAndStoredOnce() throws Exception {
        String topic = "retried";
        try (Admin admin = Clients.admin(bootstrap())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Map<String, Object> config = Map.of(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_500,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000, ProducerConfig.LINGER_MS_CONFIG, 100);
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap(), config)) {
            producer.partitionsFor(topic); // metadata first, so that the first Produce carries the whole batch
            int connectionsBefore = proxy.connections();
            proxy.dropResponses(ApiKeys.PRODUCE, 1);

            List<RecordMetadata> first = sendAll(producer, topic, 0);

            assertThat(proxy.droppedResponses()).isEqualTo(1);
            assertThat(proxy.connections()).as("the producer reconnected").isGreaterThan(connectionsBefore);
            assertThat(first).extracting(RecordMetadata::offset)
                    .containsExactlyElementsOf(range(0, BATCH));
            // The sequence goes on after the duplicate.
            assertThat(sendAll(producer, topic, BATCH)).extracting(RecordMetadata::offset)
                    .containsExactlyElementsOf(range(BATCH, 2 * BATCH));
        }

        List<String> values = consumeAll(topic, 2 * BATCH);
        assertThat(values).hasSize(2 * BATCH).doesNotHaveDuplicates();
        assertThat(values).containsExactlyElementsOf(range(0, 2 * BATCH).stream().map(i -> "value-" + i).toList());
    }

    @Test
    void rawDuplicateGetsOriginalOffsetAndGapGetsOutOfOrderSequence() throws Exception {
        String topic = "raw-sequences";
        try (Admin admin = Clients.admin(bootstrap())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (RawKafkaClient raw = new RawKafkaClient(broker.port())) {
            InitProducerIdResponseData ids = RawRequests.initProducerId(raw);
            assertThat(Errors.forCode(ids.errorCode())).isEqualTo(Errors.NONE);
            long producerId = ids.producerId();
            short epoch = ids.producerEpoch();

            ProduceResponseData.PartitionProduceResponse first = RawRequests.produce(raw, topic, 0,
                    batch(producerId, epoch, 0, 3));
            assertThat(Errors.forCode(first.errorCode())).isEqualTo(Errors.NONE);
            ProduceResponseData.PartitionProduceResponse second = RawRequests.produce(raw, topic, 0,
                    batch(producerId, epoch, 3, 2));
            assertThat(Errors.forCode(second.errorCode())).isEqualTo(Errors.NONE);
            assertThat(second.baseOffset()).isEqualTo(first.baseOffset() + 3);

            ProduceResponseData.PartitionProduceResponse duplicate = RawRequests.produce(raw, topic, 0,
                    batch(producerId, epoch, 0, 3));
            assertThat(Errors.forCode(duplicate.errorCode())).isEqualTo(Errors.NONE);
            assertThat(duplicate.baseOffset()).as("a duplicate is answered with its original offset")
                    .isEqualTo(first.baseOffset());

            ProduceResponseData.PartitionProduceResponse gap = RawRequests.produce(raw, topic, 0,
                    batch(producerId, epoch, 10, 1));
            assertThat(Errors.forCode(gap.errorCode())).isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);

            assertThat(RawRequests.latestOffset(raw, topic, 0).offset()).as("log end").isEqualTo(5);
        }
        assertThat(consumeAll(topic, 5)).containsExactly("seq-0", "seq-1", "seq-2", "seq-3", "seq-4");
    }

    private static MemoryRecords batch(long producerId, short epoch, int baseSequence, int count) {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = new SimpleRecord(("seq-" + (baseSequence + i)).getBytes(StandardCharsets.UTF_8));
        }
        return MemoryRecords.withIdempotentRecords(Compression.NONE, producerId, epoch, baseSequence, records);
    }

    private static List<RecordMetadata> sendAll(KafkaProducer<byte[], byte[]> producer, String topic, int from)
            throws Exception {
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        for (int i = from; i < from + BATCH; i++) {
            futures.add(producer.send(new ProducerRecord<>(topic, 0, null,
                    ("value-" + i).getBytes(StandardCharsets.UTF_8))));
        }
        List<RecordMetadata> result = new ArrayList<>();
        for (Future<RecordMetadata> future : futures) {
            result.add(future.get());
        }
        return result;
    }

    private static List<String> consumeAll(String topic, int expected) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<String> values = new ArrayList<>();
        Set<Long> offsets = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(bootstrap())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            assertThat(end).as("log end of %s", partition).isEqualTo(expected);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    assertThat(offsets.add(record.offset())).isTrue();
                    values.add(new String(record.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static List<Long> range(long from, long to) {
        List<Long> range = new ArrayList<>();
        for (long i = from; i < to; i++) {
            range.add(i);
        }
        return range;
    }

    private static String bootstrap() {
        return "127.0.0.1:" + proxy.port();
    }
}
