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
 * confluent-kafka-python from Debian's packages (librdkafka underneath, through its Python binding rather
 * than kcat): admin with configs, idempotent zstd produce, a classic consumer group that commits and reads its
 * offsets back, and transactions with offsets sent to the transaction. The script checks what it saw and
 * prints a JSON summary; this test checks the summary and then the log itself with a Java consumer.
 */
class ConfluentKafkaPythonIT {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/compat/confluent-kafka-scenarios.py");
    private static final String CLIENT = "\"client\": \"confluent-kafka-python ";

    @TempDir
    static Path dataDir;
    static InProcessBroker broker;

    @BeforeAll
    static void start() throws Exception {
        ExternalClient.require(confluentKafkaInstalled(), "python3-confluent-kafka");
        broker = InProcessBroker.start(dataDir, "group.initial.rebalance.delay.ms=0");
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void adminCreatesDescribesConfiguresGrowsAndDeletesTopics() throws Exception {
        assertThat(run("admin", "py-admin"))
                .contains("\"scenario\": \"admin\"", "\"partitions\": 4", "\"deleted\": true", CLIENT);
    }

    @Test
    void idempotentProduceAndGroupConsumeWithCommittedOffsets() throws Exception {
        assertThat(run("produce-consume", "py-records", "py-group", "300"))
                .contains("\"produced\": 300", "\"consumed\": 300", "\"committed\": 300", CLIENT);

        Map<String, String> written = TopicContents.read(broker.bootstrap(), "py-records", 3);
        assertThat(written).hasSize(300);
        written.forEach((key, value) -> assertThat(value).isEqualTo("value-" + key.substring("key-".length())));
    }

    @Test
    void transactionsCommitAbortAndSendOffsets() throws Exception {
        assertThat(run("transactions", "py-txn", "py-txn-group", "py-txn-id"))
                .contains("\"read_committed\": 13", "\"read_uncommitted\": 18", "\"group_offset\": 7", CLIENT);
    }

    private static String run(String scenario, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString(), broker.bootstrap(),
                scenario));
        command.addAll(List.of(args));
        ExternalClient.Result result = ExternalClient.run(command, Map.of(), null, Duration.ofSeconds(120));
        assertThat(result.exitCode()).as("confluent-kafka-python %s failed: %s", scenario, result.stderr()).isZero();
        return result.stdout().strip();
    }

    private static boolean confluentKafkaInstalled() throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        return ExternalClient.run(List.of(PYTHON.toString(), "-c", "import confluent_kafka"), Map.of(), null,
                Duration.ofSeconds(30)).exitCode() == 0;
    }
}
