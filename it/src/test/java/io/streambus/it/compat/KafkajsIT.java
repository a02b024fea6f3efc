package io.streambus.it.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.it.support.InProcessBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kafkajs, a JavaScript implementation of the protocol written independently of Apache Kafka: admin with
 * configs, idempotent acks=all produce (plain and gzip), a consumer group, committed offsets, transactions. Then a Java consumer
 * checks that the records it wrote are in the log exactly once. Needs node and kafkajs
 * (it/src/test/compat/setup.sh installs them; .ci/run runs it).
 */
class KafkajsIT {

    private static final Path SCRIPT = Path.of("src/test/compat/kafkajs-roundtrip.js");
    private static final Path SCENARIOS = Path.of("src/test/compat/kafkajs-scenarios.js");
    private static final Path MODULES = Path.of("target/compat/node_modules");
    private static final int COUNT = 200;

    @TempDir
    static Path dataDir;
    static InProcessBroker broker;

    @BeforeAll
    static void start() {
        broker = InProcessBroker.start(dataDir, "group.initial.rebalance.delay.ms=0");
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void kafkajsProducesConsumesAndCommitsInAGroup() throws Exception {
        requireKafkajs();

        ExternalClient.Result result = ExternalClient.run(
                List.of("node", SCRIPT.toString(), broker.bootstrap(), "kafkajs-topic", "kafkajs-group",
                        String.valueOf(COUNT)),
                Map.of("NODE_PATH", MODULES.toAbsolutePath().toString()), null, Duration.ofSeconds(90));

        assertThat(result.exitCode()).as("kafkajs failed: %s", result.stderr()).isZero();
        assertThat(result.stdout().strip())
                .isEqualTo("{\"partitions\":3,\"consumed\":" + COUNT + ",\"committed\":" + COUNT + "}");
        Map<String, String> written = TopicContents.read(broker.bootstrap(), "kafkajs-topic", 3);
        assertThat(written).hasSize(COUNT);
        written.forEach((key, value) -> assertThat(value).isEqualTo("value-" + key.substring("key-".length())));
    }

    @Test
    void kafkajsAdminConfiguresGrowsAndDeletesTopics() throws Exception {
        assertThat(scenario("admin", "kafkajs-admin"))
                .isEqualTo("{\"scenario\":\"admin\",\"partitions\":4,\"deleted\":true,\"client\":\"kafkajs 2.2.4\"}");
    }

    @Test
    void kafkajsTransactionsCommitAbortAndSendOffsets() throws Exception {
        assertThat(scenario("transactions", "kafkajs-txn", "kafkajs-txn-group", "kafkajs-txn-id"))
                .isEqualTo("{\"scenario\":\"transactions\",\"read_committed\":13,\"read_uncommitted\":18,"
                        + "\"group_offset\":7,\"client\":\"kafkajs 2.2.4\"}");
    }

    private static String scenario(String name, String... args) throws Exception {
        requireKafkajs();
        List<String> command = new ArrayList<>(List.of("node", SCENARIOS.toString(), broker.bootstrap(), name));
        command.addAll(List.of(args));
        ExternalClient.Result result = ExternalClient.run(command,
                Map.of("NODE_PATH", MODULES.toAbsolutePath().toString()), null, Duration.ofSeconds(120));
        assertThat(result.exitCode()).as("kafkajs %s failed: %s", name, result.stderr()).isZero();
        return result.stdout().strip();
    }

    private static void requireKafkajs() {
        ExternalClient.require(ExternalClient.onPath("node") && Files.isDirectory(MODULES.resolve("kafkajs")),
                "node with kafkajs");
    }
}
