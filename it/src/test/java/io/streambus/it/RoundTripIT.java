package io.streambus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.it.support.Clients;
import io.streambus.it.support.InProcessBroker;
import io.streambus.it.support.RecordContent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A million records through KafkaProducer ({@code acks=all}, idempotent) and back through KafkaConsumer, 200k
 * per compression codec, each codec on its own four-partition topic: every record comes back exactly once,
 * in order per partition, at consecutive offsets, with its key, value, headers and timestamp intact.
 */
class RoundTripIT {

    private static final int PARTITIONS = 4;
    private static final int RECORDS_PER_CODEC = 200_000;
    private static final int RECORDS_PER_PARTITION = RECORDS_PER_CODEC / PARTITIONS;

    @TempDir
    static Path dataDir;
    static InProcessBroker broker;
    private final RecordContent content = new RecordContent(1_700_000_000_000L);

    @BeforeAll
    static void start() {
        broker = InProcessBroker.start(dataDir);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void everyRecordComesBackIntact(String codec) throws Exception {
        String topic = "roundtrip-" + codec;
        try (Admin admin = Clients.admin(broker.bootstrap())) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }

        produce(topic, codec);
        consumeAndCheck(topic);
    }

    private void produce(String topic, String codec) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Map<String, Object> config = Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(broker.bootstrap(), config)) {
            for (int index = 0; index < RECORDS_PER_PARTITION && failure.get() == null; index++) {
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    producer.send(content.record(topic, partition, index), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                }
            }
            producer.flush();
        }
        assertThat(failure.get()).as("first failed send").isNull();
    }

    private void consumeAndCheck(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        long[] next = new long[PARTITIONS];
        long deadlineMs = System.currentTimeMillis() + 60_000;
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(broker.bootstrap())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long received = 0;
            while (received < RECORDS_PER_CODEC) {
                assertThat(System.currentTimeMillis()).as("consumed %d of %d in time", received, RECORDS_PER_CODEC)
                        .isLessThan(deadlineMs);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    int partition = record.partition();
                    long index = next[partition]++;
                    // A fresh topic written by one producer: record i of a partition is at offset i.
                    assertThat(record.offset()).as("offset in %s", record.topic() + "-" + partition).isEqualTo(index);
                    content.assertMatches(record, index);
                    received++;
                }
            }
            assertThat(next).containsOnly(RECORDS_PER_PARTITION);
            assertThat(consumer.endOffsets(partitions).values()).containsOnly((long) RECORDS_PER_PARTITION);
            assertThat(consumer.poll(Duration.ofMillis(200))).isEmpty();
        }
    }
}
