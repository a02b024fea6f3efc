package io.streambus.it.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.it.support.Clients;
import io.streambus.it.support.InProcessBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kcat, on librdkafka (the C client behind the Python, Go, .NET and Rust clients): metadata, produce
 * with each codec, consume, and a consumer group that commits. Needs kcat on the PATH
 * (it/src/test/compat/setup.sh installs it; .ci/run runs it).
 */
class KcatIT {

    private static final int PARTITIONS = 3;
    private static final int COUNT = 300;

    @TempDir
    static Path dataDir;
    static InProcessBroker broker;
    static Admin admin;

    @BeforeAll
    static void start() {
        broker = InProcessBroker.start(dataDir, "group.initial.rebalance.delay.ms=0");
        admin = Clients.admin(broker.bootstrap());
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void kcatProducesWithEachCodecAndJavaReadsEveryRecordOnce(String codec) throws Exception {
        assumeKcat();
        String topic = "kcat-produce-" + codec;
        createTopic(topic);
        String input = IntStream.range(0, COUNT).mapToObj(i -> "key-" + i + ":value-" + i)
                .collect(Collectors.joining("\n", "", "\n"));

        ExternalClient.Result result = kcat(input, "-P", "-t", topic, "-K:", "-z", codec,
                "-X", "enable.idempotence=true", "-X", "acks=all");

        assertThat(result.exitCode()).as("kcat failed: %s", result.stderr()).isZero();
        Map<String, String> written = TopicContents.read(broker.bootstrap(), topic, PARTITIONS);
        assertThat(written).hasSize(COUNT);
        written.forEach((key, value) -> assertThat(value).isEqualTo("value-" + key.substring("key-".length())));
    }

    @Test
    void kcatReadsWhatJavaWroteAndListsMetadata() throws Exception {
        assumeKcat();
        String topic = "kcat-consume";
        createTopic(topic);
        produceWithJava(topic);

        ExternalClient.Result consumed = kcat(null, "-C", "-t", topic, "-o", "beginning", "-e", "-q",
                "-f", "%k=%s\\n");
        ExternalClient.Result metadata = kcat(null, "-L", "-t", topic);

        assertThat(consumed.exitCode()).as("kcat failed: %s", consumed.stderr()).isZero();
        assertThat(lines(consumed.stdout())).hasSize(COUNT)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, COUNT)
                        .mapToObj(i -> "key-" + i + "=value-" + i).toList());
        assertThat(metadata.stdout()).contains("topic \"" + topic + "\" with " + PARTITIONS + " partitions");
    }

    @Test
    void kcatConsumerGroupReadsEverythingAndCommits() throws Exception {
        assumeKcat();
        String topic = "kcat-group";
        createTopic(topic);
        produceWithJava(topic);

        ExternalClient.Result consumed = kcat(null, "-G", "kcat-group", topic, "-e", "-q", "-f", "%s\\n",
                "-X", "auto.offset.reset=earliest", "-X", "enable.auto.commit=true");

        assertThat(consumed.exitCode()).as("kcat failed: %s", consumed.stderr()).isZero();
        assertThat(lines(consumed.stdout())).hasSize(COUNT);
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets("kcat-group").partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        admin.listOffsets(latest).all().get().forEach((tp, info) ->
                assertThat(committed.get(tp).offset()).as("committed offset of %s", tp).isEqualTo(info.offset()));
    }

    private static void assumeKcat() {
        ExternalClient.require(ExternalClient.onPath("kcat"), "kcat");
    }

    private static ExternalClient.Result kcat(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kcat", "-b", broker.bootstrap()));
        command.addAll(Arrays.asList(args));
        return ExternalClient.run(command, Map.of(), stdin, Duration.ofSeconds(60));
    }

    private static void createTopic(String topic) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
    }

    private static void produceWithJava(String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(broker.bootstrap())) {
            for (int i = 0; i < COUNT; i++) {
                producer.send(new ProducerRecord<>(topic, ("key-" + i).getBytes(StandardCharsets.UTF_8),
                        ("value-" + i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static List<String> lines(String text) {
        return text.lines().filter(line -> !line.isBlank()).toList();
    }
}
