package io.streambus.it.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.it.support.AppProcess;
import io.streambus.it.support.InProcessBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consume-transform-produce with sendOffsetsToTransaction ({@link TransformApp}, a separate JVM) is killed
 * with SIGKILL at random points while input keeps arriving, many times, and restarted with the same
 * transactional id; in the end the output topic holds each input record transformed exactly once
 * (read_committed).
 *
 * <p>The kill moments come from a seeded {@link Random}; the seed is printed and can be set with
 * {@code -Dit.eos.seed=N}.
 */
class ExactlyOnceIT {

    private static final int CHUNKS_PER_ROUND = 10;
    private static final int CHUNK_RECORDS = 30;
    private static final int KILLS = 4;
    private static final int SOAK_KILLS = 40;

    @TempDir
    Path workDir;

    @Test
    void eachInputIsTransformedExactlyOnceDespiteSigkills() throws Exception {
        run(KILLS);
    }

    /** The same, with many more kills: {@code -Psoak}. */
    @Test
    @Tag("soak")
    void eachInputIsTransformedExactlyOnceDespiteManySigkills() throws Exception {
        run(SOAK_KILLS);
    }

    private void run(int kills) throws Exception {
        long seed = Long.getLong("it.eos.seed", System.nanoTime());
        System.out.println("ExactlyOnceIT seed " + seed);
        Random random = new Random(seed);
        try (InProcessBroker broker = InProcessBroker.start(workDir.resolve("data"),
                "offsets.topic.num.partitions=2", "transaction.state.log.num.partitions=2",
                "group.initial.rebalance.delay.ms=0", "group.min.session.timeout.ms=500")) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
                admin.createTopics(List.of(new NewTopic("eos-in", 3, (short) 1), new NewTopic("eos-out", 3, (short) 1)))
                        .all().get();
            }
            Set<String> expected = new HashSet<>();
            Path output = workDir.resolve("app.out");
            try (KafkaProducer<String, String> input = inputProducer(broker.bootstrap())) {
                for (int kill = 0; kill < kills; kill++) {
                    AppProcess app = start(broker, output, 60_000);
                    assertThat(app.awaitLine("ready", 60_000)).as("app started; output in %s", output).isTrue();
                    // More input than a few transactions take; the kill lands a random few milliseconds after a
                    // random number of commits, while the app is inside one of the next transactions or between.
                    for (int chunk = 0; chunk < CHUNKS_PER_ROUND; chunk++) {
                        produceChunk(input, expected);
                    }
                    assertThat(app.awaitLines("committed", 1 + random.nextInt(6), 60_000))
                            .as("app committing; output in %s", output).isTrue();
                    Thread.sleep(random.nextInt(40)); // jitter of the kill moment, not a wait for a condition
                    app.kill();
                }
                produceChunk(input, expected);
            }
            try (AppProcess last = start(broker, output, 3_000)) {
                assertThat(last.awaitLine("idle, exiting", 120_000)).as("last app finished; output in %s", output)
                        .isTrue();
            }
            List<String> out = readCommitted(broker.bootstrap(), "eos-out");
            assertThat(out).as("seed %d", seed).hasSize(expected.size()).doesNotHaveDuplicates();
            assertThat(new HashSet<>(out)).isEqualTo(expected);
        }
    }

    private static AppProcess start(InProcessBroker broker, Path output, long idleMs) {
        return AppProcess.start(TransformApp.class, output, broker.bootstrap(), "eos-app", "eos-group", "eos-in",
                "eos-out", Long.toString(idleMs));
    }

    private static KafkaProducer<String, String> inputProducer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** {@value #CHUNK_RECORDS} more input records, acknowledged before it returns. */
    private static void produceChunk(KafkaProducer<String, String> producer, Set<String> expected) {
        int first = expected.size();
        for (int i = first; i < first + CHUNK_RECORDS; i++) {
            producer.send(new ProducerRecord<>("eos-in", "k" + i, "value-" + i));
            expected.add("VALUE-" + i);
        }
        producer.flush();
    }

    static List<String> readCommitted(String bootstrap, String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("did not reach the end offsets " + end);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
