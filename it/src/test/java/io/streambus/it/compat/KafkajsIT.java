package io.streambus.it.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streambus.it.support.InProcessBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kafkajs, a JavaScript implementation of the protocol written independently of Apache Kafka: admin,
 * idempotent acks=all produce (plain and gzip), a consumer group, committed offsets. Then a Java consumer
 * checks that the records it wrote are in the log exactly once. Needs node and kafkajs
 * (it/src/test/compat/setup.sh installs them; .ci/run runs it).
 */
class KafkajsIT {

    private static final Path SCRIPT = Path.of("src/test/compat/kafkajs-roundtrip.js");
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
        assumeTrue(ExternalClient.onPath("node") && Files.isDirectory(MODULES.resolve("kafkajs")),
                "node and kafkajs are not installed: run it/src/test/compat/setup.sh");

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
}
