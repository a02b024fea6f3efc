package io.streambus.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.cli.testing.BrokerCommandTest;
import io.streambus.cli.testing.CliRunner;
import io.streambus.cli.testing.CliRunner.Result;
import io.streambus.server.StreamBusVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** cluster info|health and config get|set against a real broker. */
class ClusterAndConfigCommandsTest extends BrokerCommandTest {

    @BeforeAll
    static void createAlpha() throws Exception {
        broker.createTopic("alpha", 2);
    }

    @Test
    void clusterInfoShowsIdControllerBrokersAndCounts() {
        Result info = cli().run("cluster", "info");
        assertThat(info.exitCode()).as(info.err()).isZero();
        int port = Integer.parseInt(broker.bootstrap().split(":")[1]);
        assertThat(info.out()).contains("cluster_id       streambus-test-cluster", "controller       1",
                "brokers          1", "cli_version      " + StreamBusVersion.current(), "BROKERS",
                "ID  HOST       PORT   RACK  CONTROLLER", "1   127.0.0.1  " + port + "  -     true");
        Result json = cli().run("cluster", "info", "--format", "json");
        assertThat(json.out()).startsWith("{\"cluster\":{\"cluster_id\":\"streambus-test-cluster\",\"controller\":1,"
                + "\"brokers\":1,\"topics\":").contains("\"brokers\":[{\"id\":1,\"host\":\"127.0.0.1\",\"port\":" + port);
    }

    @Test
    void clusterHealthIsReadyWithExitCodeZero() {
        Result health = cli().run("cluster", "health");
        assertThat(health.exitCode()).as(health.err()).isZero();
        assertThat(health.out()).startsWith("healthy                      true\nbrokers                      1\n")
                .contains("offline_partitions           -");
        Result yaml = cli().run("cluster", "health", "--format", "yaml");
        assertThat(yaml.out()).startsWith("healthy: true\nbrokers: 1\ncontroller: 1\n")
                .contains("offline_partitions: []\n");
    }

    @Test
    void clusterHealthOfAnUnreachableBrokerIsAnErrorWithinTheTimeout() {
        Result health = new CliRunner(null, dir).runExactly("cluster", "health", "-b", "127.0.0.1:1", "--timeout", "700ms");
        assertThat(health.exitCode()).isEqualTo(1);
        assertThat(health.errLine()).startsWith("streambus: No answer from a broker at 127.0.0.1:1 within 700 ms");
    }

    @Test
    void configGetAndSetForATopic() {
        Result set = cli().run("config", "set", "--topic", "alpha", "retention.ms=86400000", "max.message.bytes=2048");
        assertThat(set.exitCode()).as(set.err()).isZero();
        Result get = cli().run("config", "get", "--topic", "alpha");
        assertThat(get.out()).isEqualTo("KEY                VALUE     SOURCE\nmax.message.bytes  2048      topic\n"
                + "retention.ms       86400000  topic\n");
        Result one = cli().run("config", "get", "-t", "alpha", "retention.ms", "--format", "json");
        assertThat(one.out()).isEqualTo("[{\"key\":\"retention.ms\",\"value\":\"86400000\",\"source\":\"topic\"}]\n");
        Result defaults = cli().run("config", "get", "-t", "alpha", "--all");
        assertThat(defaults.out()).contains("cleanup.policy", "delete", "default");
        assertThat(cli().run("config", "set", "-t", "alpha", "--delete", "max.message.bytes").exitCode()).isZero();
        assertThat(cli().run("config", "get", "-t", "alpha").out()).doesNotContain("max.message.bytes");

        Result unknownKey = cli().run("config", "get", "-t", "alpha", "retention.msec");
        assertThat(unknownKey.exitCode()).isEqualTo(1);
        assertThat(unknownKey.errLine()).isEqualTo("streambus: No config 'retention.msec' for topic 'alpha'");
        Result missing = cli().run("config", "get", "-t", "ghost");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.errLine()).isEqualTo("streambus: Topic 'ghost' does not exist");
    }

    @Test
    void configGetAndSetForABroker() {
        Result get = cli().run("config", "get", "--broker", "1", "num.partitions");
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out()).contains("num.partitions  1");
        Result set = cli().run("config", "set", "--broker", "1", "log.retention.ms=3600000");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(cli().run("config", "get", "--broker", "1", "log.retention.ms").out())
                .contains("log.retention.ms  3600000  broker");
        Result readOnly = cli().run("config", "set", "--broker", "1", "node.id=7");
        assertThat(readOnly.exitCode()).isEqualTo(1);
        assertThat(readOnly.errLine()).startsWith("streambus: ").contains("node.id");
    }

    @Test
    void configNeedsExactlyOneTarget() {
        Result none = cli().run("config", "get");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.errLine()).contains("Missing required argument").endsWith("(see 'streambus config get --help')");
        Result both = cli().run("config", "get", "--topic", "alpha", "--broker", "1");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.errLine()).contains("mutually exclusive");
    }
}
