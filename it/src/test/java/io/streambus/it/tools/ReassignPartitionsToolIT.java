package io.streambus.it.tools;

import static io.streambus.it.tools.ToolOutput.lines;
import static io.streambus.it.tools.ToolOutput.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.it.support.Clients;
import io.streambus.it.support.InProcessBroker;
import io.streambus.it.support.KafkaTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.tools.reassign.ReassignPartitionsCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Kafka's {@code kafka-reassign-partitions} ({@link ReassignPartitionsCommand}, unmodified, in-process)
 * against a single StreamBus node. StreamBus does not move replicas yet: no reassignment is ever in progress, so
 * {@code --list}, {@code --verify} and {@code --cancel} answer as Kafka does for a cluster without reassignments,
 * {@code --generate} (computed by the tool) works, and {@code --execute} fails with the Admin's
 * UnsupportedVersionException, since AlterPartitionReassignments is not in ApiVersions.
 */
class ReassignPartitionsToolIT {

    @TempDir
    static Path workDir;
    static InProcessBroker broker;
    static Admin admin;
    static Path plan;

    @BeforeAll
    static void start() throws Exception {
        broker = InProcessBroker.start(workDir.resolve("data"));
        admin = Clients.admin(broker.bootstrap());
        admin.createTopics(List.of(new NewTopic("placed", 2, (short) 1))).all().get();
        plan = workDir.resolve("plan.json");
        Files.writeString(plan, "{\"version\":1,\"partitions\":[{\"topic\":\"placed\",\"partition\":0,\"replicas\":[1]},"
                + "{\"topic\":\"placed\",\"partition\":1,\"replicas\":[1]}]}");
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

    private static KafkaTool.Result reassign(String... args) throws Exception {
        return KafkaTool.run(ReassignPartitionsCommand::main, ToolOutput.withBootstrap(broker.bootstrap(), args));
    }

    @Test
    void listFindsNoReassignments() throws Exception {
        assertThat(lines(ok(reassign("--list")))).containsExactly("No partition reassignments found.");
    }

    @Test
    void verifyReportsPartitionsAlreadyOnTheirTargetReplicasAsCompleted() throws Exception {
        assertThat(lines(ok(reassign("--verify", "--reassignment-json-file", plan.toString())))).containsExactly(
                "Status of partition reassignment:",
                "Reassignment of partition placed-0 is completed.",
                "Reassignment of partition placed-1 is completed.",
                "Clearing broker-level throttles on broker 1",
                "Clearing topic-level throttles on topic placed");
    }

    @Test
    void cancelFindsNothingActive() throws Exception {
        assertThat(lines(ok(reassign("--cancel", "--reassignment-json-file", plan.toString(),
                "--preserve-throttles")))).containsExactly("None of the specified partition reassignments are active.",
                "None of the specified partition moves are active.");
    }

    @Test
    void generateProposesTheOnlyBroker() throws Exception {
        Path topics = workDir.resolve("topics.json");
        Files.writeString(topics, "{\"version\":1,\"topics\":[{\"topic\":\"placed\"}]}");

        List<String> out = lines(ok(reassign("--generate", "--topics-to-move-json-file", topics.toString(),
                "--broker-list", "1")));

        assertThat(out).hasSize(4);
        assertThat(out.get(0)).isEqualTo("Current partition replica assignment");
        assertThat(out.get(2)).isEqualTo("Proposed partition reassignment configuration");
        for (String assignment : List.of(out.get(1), out.get(3))) {
            assertThat(assignment).startsWith("{\"version\":1,\"partitions\":[")
                    .contains("{\"topic\":\"placed\",\"partition\":0,\"replicas\":[1],\"log_dirs\":[\"any\"]}",
                            "{\"topic\":\"placed\",\"partition\":1,\"replicas\":[1],\"log_dirs\":[\"any\"]}");
        }
    }

    @Test
    void executeFailsAsUnsupportedByTheNode() throws Exception {
        KafkaTool.Result result = reassign("--execute", "--reassignment-json-file", plan.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(lines(result.out())).endsWith("Error reassigning partition(s):",
                "placed-0: The node does not support ALTER_PARTITION_REASSIGNMENTS",
                "placed-1: The node does not support ALTER_PARTITION_REASSIGNMENTS");
    }
}
