package io.streambus.it.eos;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.it.support.AppProcess;
import io.streambus.it.support.InProcessBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
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
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kafka Streams word count with processing.guarantee=exactly_once_v2 ({@link WordCountApp}, a separate
 * JVM) is killed with SIGKILL at a random point while input keeps arriving, restarted, and so on; it ends
 * with exact counts: the latest committed count of every word equals its number of occurrences.
 * Seeded like {@link ExactlyOnceIT} ({@code -Dit.eos.seed=N}).
 */
class StreamsExactlyOnceIT {

    private static final String[] WORDS = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"};
    private static final int KILLS = 3;
    private static final int SOAK_KILLS = 20;
    private static final int CHUNKS_PER_ROUND = 30;
    private static final int LINES_PER_CHUNK = 10;

    @TempDir
    Path workDir;

    @Test
    void wordCountsAreExactAfterKillsAndRestarts() throws Exception {
        run(KILLS);
    }

    @Test
    @Tag("soak")
    void wordCountsAreExactAfterManyKillsAndRestarts() throws Exception {
        run(SOAK_KILLS);
    }

    private void run(int kills) throws Exception {
        long seed = Long.getLong("it.eos.seed", System.nanoTime());
        System.out.println("StreamsExactlyOnceIT seed " + seed);
        Random random = new Random(seed);
        try (InProcessBroker broker = InProcessBroker.start(workDir.resolve("data"),
                "offsets.topic.num.partitions=2", "transaction.state.log.num.partitions=2",
                "group.initial.rebalance.delay.ms=0", "group.min.session.timeout.ms=500")) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
                admin.createTopics(List.of(new NewTopic("lines", 2, (short) 1), new NewTopic("counts", 2, (short) 1)))
                        .all().get();
            }
            Map<String, Long> expected = new HashMap<>();
            Path output = workDir.resolve("streams.out");
            Path stateDir = workDir.resolve("state");
            try (KafkaProducer<String, String> producer = producer(broker.bootstrap())) {
                for (int round = 0; round < kills; round++) {
                    AppProcess app = start(broker, stateDir, output);
                    assertThat(app.awaitLine("running", 120_000)).as("streams running; output in %s", output)
                            .isTrue();
                    // Input keeps arriving in small batches; the kill lands at a random batch, mid-processing.
                    int killAt = random.nextInt(CHUNKS_PER_ROUND);
                    for (int chunk = 0; chunk < CHUNKS_PER_ROUND; chunk++) {
                        produceLines(producer, random, expected, LINES_PER_CHUNK);
                        if (chunk == killAt) {
                            app.kill();
                        }
                    }
                }
                try (AppProcess last = start(broker, stateDir, output)) {
                    assertThat(last.awaitLine("running", 120_000)).as("streams running; output in %s", output)
                            .isTrue();
                    produceLines(producer, random, expected, LINES_PER_CHUNK);
                    awaitCounts(broker.bootstrap(), expected, output);
                }
            }
        }
    }

    private static AppProcess start(InProcessBroker broker, Path stateDir, Path output) {
        return AppProcess.start(WordCountApp.class, output, broker.bootstrap(), "word-count", stateDir.toString(),
                "lines", "counts");
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static void produceLines(KafkaProducer<String, String> producer, Random random, Map<String, Long> expected,
                                     int lines) {
        for (int i = 0; i < lines; i++) {
            StringBuilder line = new StringBuilder();
            int words = 1 + random.nextInt(5);
            for (int w = 0; w < words; w++) {
                String word = WORDS[random.nextInt(WORDS.length)];
                expected.merge(word, 1L, Long::sum);
                line.append(w == 0 ? "" : " ").append(word);
            }
            producer.send(new ProducerRecord<>("lines", Integer.toString(i), line.toString()));
        }
        producer.flush();
    }

    /** Reads the committed counts until the latest per word equal {@code expected}, or fails after two minutes. */
    private static void awaitCounts(String bootstrap, Map<String, Long> expected, Path output) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class.getName());
        Map<String, Long> latest = new HashMap<>();
        try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = List.of(new TopicPartition("counts", 0), new TopicPartition("counts", 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!latest.equals(expected) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(record.key(), record.value());
                    // A count above the truth would be a duplicate that exactly-once must prevent.
                    assertThat(record.value()).as("count of %s", record.key())
                            .isLessThanOrEqualTo(expected.get(record.key()));
                }
            }
        }
        assertThat(latest).as("latest counts; app output in %s", output).isEqualTo(expected);
    }
}
