package io.streambus.it.tools;

import static io.streambus.it.tools.ToolOutput.lines;
import static io.streambus.it.tools.ToolOutput.ok;
import static io.streambus.it.tools.ToolOutput.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.it.support.Clients;
import io.streambus.it.support.InProcessBroker;
import io.streambus.it.support.KafkaTool;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.tools.ClusterTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Kafka's {@code kafka-cluster} ({@link ClusterTool}, unmodified, in-process) against a StreamBus node: the
 * cluster id, the broker endpoints, and unregistering a broker, which a StreamBus node does not serve (no
 * UnregisterBroker in ApiVersions), so the tool says so as it does against a Kafka cluster without that API.
 */
class ClusterToolIT {

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

    private static KafkaTool.Result cluster(String command, String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = command;
        all[1] = "--bootstrap-server";
        all[2] = broker.bootstrap();
        System.arraycopy(args, 0, all, 3, args.length);
        return KafkaTool.run(ClusterTool::main, all);
    }

    @Test
    void clusterIdIsTheOneDescribeClusterGives() throws Exception {
        String clusterId = admin.describeCluster().clusterId().get();

        assertThat(lines(ok(cluster("cluster-id")))).containsExactly("Cluster ID: " + clusterId);
    }

    @Test
    void listEndpointsShowsThisBrokerUnfenced() throws Exception {
        for (String[] args : List.of(new String[] {}, new String[] {"--include-fenced-brokers"})) {
            String out = ok(cluster("list-endpoints", args));

            assertThat(rows(out, "ID")).containsExactly(List.of("ID", "HOST", "PORT", "RACK", "STATE", "ENDPOINT_TYPE"));
            assertThat(rows(out, "1")).containsExactly(
                    List.of("1", "127.0.0.1", Integer.toString(broker.port()), "null", "unfenced", "broker"));
        }
    }

    @Test
    void unregisterIsRefusedAsAnApiTheClusterDoesNotSupport() throws Exception {
        // Kafka's tool maps the Admin's UnsupportedVersionException (UnregisterBroker not in ApiVersions) to this
        // line and exits normally.
        assertThat(lines(ok(cluster("unregister", "--id", "1"))))
                .containsExactly("The target cluster does not support the broker unregistration API.");
        assertThat(admin.describeCluster().nodes().get()).singleElement()
                .satisfies(node -> assertThat(node.id()).isEqualTo(1));
    }
}
