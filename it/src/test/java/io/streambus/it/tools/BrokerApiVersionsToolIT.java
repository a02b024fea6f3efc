package io.streambus.it.tools;

import static io.streambus.it.tools.ToolOutput.lines;
import static io.streambus.it.tools.ToolOutput.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.it.support.InProcessBroker;
import io.streambus.it.support.KafkaTool;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.tools.BrokerApiVersionsCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Kafka's {@code kafka-broker-api-versions} ({@link BrokerApiVersionsCommand}, unmodified, in-process)
 * against a StreamBus node: the node is listed with the API versions it advertises, each usable by this
 * kafka-clients at the version the tool prints, and the APIs it does not serve as UNSUPPORTED.
 */
class BrokerApiVersionsToolIT {

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

    /** The tool's lines for this node: its header, then one line per API (without the separators). */
    private static List<String> apiLines() throws Exception {
        String out = ok(KafkaTool.run(BrokerApiVersionsCommand::main, "--bootstrap-server", broker.bootstrap()));
        List<String> lines = lines(out).stream().map(line -> line.endsWith(",") ? line.substring(0,
                line.length() - 1) : line).toList();
        assertThat(lines.getFirst()).isEqualTo(broker.bootstrap() + " (id: 1 rack: null isFenced: false) -> (");
        assertThat(lines.getLast()).isEqualTo(")");
        return lines.subList(1, lines.size() - 1);
    }

    @Test
    void listsTheNodeWithTheUsableVersionOfTheApisEveryClientNeeds() throws Exception {
        List<String> apis = apiLines();

        assertThat(apis).contains(
                "Produce(0): 0 to 13 [usable: 13]",
                "Fetch(1): 4 to 18 [usable: 18]",
                "ListOffsets(2): 1 to 10 [usable: 10]",
                "OffsetCommit(8): 2 to 9 [usable: 9]",
                "FindCoordinator(10): 0 to 6 [usable: 6]",
                "Metadata(3): 0 to 13 [usable: 13]",
                "ApiVersions(18): 0 to 4 [usable: 4]",
                "CreateTopics(19): 2 to 7 [usable: 7]",
                "InitProducerId(22): 0 to 5 [usable: 5]",
                "DescribeTopicPartitions(75): 0 [usable: 0]");
    }

    @Test
    void everyApiIsEitherUsableOrUnsupportedNeverOutOfRange() throws Exception {
        List<String> apis = apiLines();

        assertThat(apis).hasSize(ApiKeys.clientApis().size());
        assertThat(apis).allSatisfy(line -> assertThat(line).containsAnyOf("[usable: ", ": UNSUPPORTED"));
        // What a single node does not serve is left out of ApiVersions, so the tool says so.
        assertThat(apis).contains("AlterPartitionReassignments(45): UNSUPPORTED", "DescribeAcls(29): UNSUPPORTED");
    }
}
