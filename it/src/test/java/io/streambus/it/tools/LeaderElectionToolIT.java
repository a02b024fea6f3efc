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
import org.apache.kafka.tools.LeaderElectionCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Apache Kafka's {@code kafka-leader-election} ({@link LeaderElectionCommand}, unmodified, in-process) against a
 * single StreamBus node. Every partition's only replica is this node and leads already, so, as against a
 * one-broker Kafka, no election is needed: the tool says a valid replica is already elected, and for every
 * partition at once it has nothing to print.
 */
class LeaderElectionToolIT {

    @TempDir
    static Path workDir;
    static InProcessBroker broker;
    static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        broker = InProcessBroker.start(workDir.resolve("data"));
        admin = Clients.admin(broker.bootstrap());
        admin.createTopics(List.of(new NewTopic("elected", 3, (short) 1))).all().get();
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

    private static KafkaTool.Result elect(String... args) throws Exception {
        return KafkaTool.run(LeaderElectionCommand::main, ToolOutput.withBootstrap(broker.bootstrap(), args));
    }

    @ParameterizedTest
    @ValueSource(strings = {"preferred", "unclean"})
    void aPartitionLedByItsOnlyReplicaNeedsNoElection(String type) throws Exception {
        assertThat(lines(ok(elect("--election-type", type, "--topic", "elected", "--partition", "1"))))
                .containsExactly("Valid replica already elected for partitions elected-1");
    }

    @Test
    void partitionsFromAJsonFileNeedNoElection() throws Exception {
        Path file = workDir.resolve("election.json");
        Files.writeString(file, "{\"partitions\": [{\"topic\": \"elected\", \"partition\": 0}]}");

        assertThat(lines(ok(elect("--election-type", "preferred", "--path-to-json-file", file.toString()))))
                .containsExactly("Valid replica already elected for partitions elected-0");
    }

    @Test
    void electingEveryPartitionPrintsNothingWhenEachHasItsLeader() throws Exception {
        assertThat(lines(ok(elect("--election-type", "preferred", "--all-topic-partitions")))).isEmpty();
    }

    @Test
    void aPartitionThatDoesNotExistFailsWithTheControllersError() throws Exception {
        KafkaTool.Result result = elect("--election-type", "preferred", "--topic", "no-such-topic", "--partition", "0");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(lines(result.out())).containsExactly("Error completing leader election (PREFERRED) for partition: "
                + "no-such-topic-0: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: "
                + "No such topic as no-such-topic");
        assertThat(lines(result.err()).getFirst()).isEqualTo("1 replica(s) could not be elected");
    }
}
