package io.streambus.it.tools;

import static io.streambus.it.tools.ToolOutput.lines;
import static io.streambus.it.tools.ToolOutput.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streambus.it.support.Clients;
import io.streambus.it.support.InProcessBroker;
import io.streambus.it.support.KafkaTool;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.tools.LogDirsCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Kafka's {@code kafka-log-dirs} ({@link LogDirsCommand}, unmodified, in-process) against a StreamBus node:
 * {@code --describe} prints the node's data directory as JSON with the size of each partition it holds.
 */
class LogDirsToolIT {

    @TempDir
    static Path workDir;
    static InProcessBroker broker;
    static Admin admin;

    @BeforeAll
    static void start() {
        broker = InProcessBroker.start(workDir.resolve("data"));
        admin = Clients.admin(broker.bootstrap());
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static KafkaTool.Result logDirs(String... args) throws Exception {
        return KafkaTool.run(LogDirsCommand::main, ToolOutput.withBootstrap(broker.bootstrap(), args));
    }

    /** The JSON line of {@code --describe}'s output, after its two progress lines. */
    private static JsonNode describeJson(String out) throws Exception {
        List<String> lines = lines(out);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("Querying brokers for log directories information");
        assertThat(lines.get(1)).isEqualTo("Received log directory information from brokers 1");
        return new ObjectMapper().readTree(lines.get(2));
    }

    /** Partition name ({@code topic-N}) to its {@code size}, over every log directory of broker 1. */
    private static Map<String, Long> partitionSizes(JsonNode json) {
        assertThat(json.get("version").asInt()).isEqualTo(1);
        JsonNode brokers = json.get("brokers");
        assertThat(brokers).hasSize(1);
        assertThat(brokers.get(0).get("broker").asInt()).isEqualTo(1);
        Map<String, Long> sizes = new HashMap<>();
        for (JsonNode logDir : brokers.get(0).get("logDirs")) {
            assertThat(logDir.get("error").isNull()).as("error of %s", logDir).isTrue();
            for (JsonNode partition : logDir.get("partitions")) {
                assertThat(partition.get("offsetLag").asLong()).isZero();
                assertThat(partition.get("isFuture").asBoolean()).isFalse();
                sizes.put(partition.get("partition").asText(), partition.get("size").asLong());
            }
        }
        return sizes;
    }

    @Test
    void describeShowsTheSizeOfEachPartitionOfTheListedTopics() throws Exception {
        admin.createTopics(List.of(new NewTopic("sized", 2, (short) 1), new NewTopic("other", 1, (short) 1)))
                .all().get();
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(broker.bootstrap())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("sized", 0, null, new byte[100])).get();
            }
        }

        JsonNode json = describeJson(ok(logDirs("--describe", "--topic-list", "sized")));

        assertThat(json.get("brokers").get(0).get("logDirs")).singleElement()
                .satisfies(logDir -> assertThat(Path.of(logDir.get("logDir").asText()))
                        .isEqualTo(workDir.resolve("data")));
        Map<String, Long> sizes = partitionSizes(json);
        assertThat(sizes).containsOnlyKeys("sized-0", "sized-1");
        // Ten records of 100 bytes, each in its own batch: more than their payload on disk.
        assertThat(sizes.get("sized-0")).isGreaterThan(1000);
        assertThat(sizes.get("sized-1")).isZero();
    }

    @Test
    void describeWithoutATopicListShowsEveryPartitionOfTheNode() throws Exception {
        admin.createTopics(List.of(new NewTopic("everything", 3, (short) 1))).all().get();

        Map<String, Long> sizes = partitionSizes(describeJson(ok(logDirs("--describe", "--broker-list", "1"))));

        assertThat(sizes).containsKeys("everything-0", "everything-1", "everything-2");
    }

    @Test
    void aBrokerThatDoesNotExistIsNamedInTheError() throws Exception {
        KafkaTool.Result result = logDirs("--describe", "--broker-list", "1,7");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(lines(result.err())).containsExactly(
                "ERROR: The given brokers do not exist from --broker-list: 7. Current existent brokers: 1");
    }
}
