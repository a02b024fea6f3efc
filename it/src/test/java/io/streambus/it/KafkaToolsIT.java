package io.streambus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.it.support.InProcessBroker;
import io.streambus.it.support.KafkaTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.tools.DeleteRecordsCommand;
import org.apache.kafka.tools.GetOffsetShell;
import org.apache.kafka.tools.ProducerPerformance;
import org.apache.kafka.tools.TopicCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Kafka's own command-line tools (kafka-tools, unmodified, run in-process through their {@code main})
 * against a StreamBus node: what an operator used to Kafka would type works, and prints what they expect.
 */
class KafkaToolsIT {

    @TempDir
    static Path workDir;
    static InProcessBroker broker;

    @BeforeAll
    static void start() {
        broker = InProcessBroker.start(workDir.resolve("data"));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void topicCommandCreatesListsDescribesAndDeletes() throws Exception {
        assertOk(topics("--create", "--topic", "tool-topic", "--partitions", "3", "--replication-factor", "1",
                "--config", "retention.ms=3600000"))
                .contains("Created topic tool-topic.");

        assertThat(topics("--list").out().lines()).contains("tool-topic");

        String description = assertOk(topics("--describe", "--topic", "tool-topic"));
        assertThat(description).contains("Topic: tool-topic", "PartitionCount: 3", "ReplicationFactor: 1",
                "retention.ms=3600000");
        assertThat(description.lines().filter(line -> line.contains("Leader: 1"))).hasSize(3);

        KafkaTool.Result duplicate = topics("--create", "--topic", "tool-topic", "--partitions", "1");
        assertThat(duplicate.exitCode()).isNotZero();
        assertThat(duplicate.out() + duplicate.err()).contains("already exists");

        assertOk(topics("--alter", "--topic", "tool-topic", "--partitions", "4"));
        assertThat(topics("--describe", "--topic", "tool-topic").out()).contains("PartitionCount: 4");

        assertOk(topics("--delete", "--topic", "tool-topic"));
        assertThat(topics("--list").out().lines()).doesNotContain("tool-topic");
    }

    @Test
    void producerPerformanceGetOffsetShellAndDeleteRecords() throws Exception {
        assertOk(topics("--create", "--topic", "perf", "--partitions", "2", "--replication-factor", "1"));

        KafkaTool.Result perf = KafkaTool.run(ProducerPerformance::main, "--topic", "perf", "--num-records", "100000",
                "--throughput", "-1", "--record-size", "100",
                "--producer-props", "bootstrap.servers=" + broker.bootstrap(), "acks=all");
        assertThat(perf.exitCode()).as(perf.err()).isZero();
        assertThat(perf.out()).contains("100000 records sent");

        Map<String, Long> latest = offsets("--topic", "perf");
        assertThat(latest).containsOnlyKeys("perf:0", "perf:1");
        assertThat(latest.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100_000);

        Path offsetsJson = workDir.resolve("delete-records.json");
        Files.writeString(offsetsJson, """
                {"version": 1, "partitions": [{"topic": "perf", "partition": 0, "offset": 10}]}
                """);
        KafkaTool.Result deleted = KafkaTool.run(DeleteRecordsCommand::main, "--bootstrap-server",
                broker.bootstrap(), "--offset-json-file", offsetsJson.toString());
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).contains("partition: perf-0", "low_watermark: 10");

        assertThat(offsets("--topic", "perf", "--time", "-2")).containsExactlyInAnyOrderEntriesOf(
                Map.of("perf:0", 10L, "perf:1", 0L));
        assertThat(offsets("--topic", "perf")).isEqualTo(latest);
    }

    private static KafkaTool.Result topics(String... args) throws Exception {
        String[] withServer = new String[args.length + 2];
        withServer[0] = "--bootstrap-server";
        withServer[1] = broker.bootstrap();
        System.arraycopy(args, 0, withServer, 2, args.length);
        return KafkaTool.run(TopicCommand::main, withServer);
    }

    /** GetOffsetShell's output, {@code topic:partition:offset} per line, as a map. */
    private static Map<String, Long> offsets(String... args) throws Exception {
        String[] withServer = new String[args.length + 2];
        withServer[0] = "--bootstrap-server";
        withServer[1] = broker.bootstrap();
        System.arraycopy(args, 0, withServer, 2, args.length);
        KafkaTool.Result result = assertOkResult(KafkaTool.run(GetOffsetShell::main, withServer));
        return result.out().lines().filter(line -> !line.isBlank())
                .map(line -> line.split(":"))
                .collect(Collectors.toMap(parts -> parts[0] + ":" + parts[1], parts -> Long.parseLong(parts[2])));
    }

    private static String assertOk(KafkaTool.Result result) {
        return assertOkResult(result).out();
    }

    private static KafkaTool.Result assertOkResult(KafkaTool.Result result) {
        assertThat(result.exitCode()).as("exit code; stderr: %s", result.err()).isZero();
        return result;
    }
}
