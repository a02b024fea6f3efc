package io.streambus.bench.compare.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.bench.compare.BrokerKind;
import io.streambus.bench.compare.BrokerProcess;
import io.streambus.bench.compare.BrokerSetup;
import io.streambus.bench.compare.LauncherOptions;
import io.streambus.bench.compare.StreamBusLauncher;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rebalance workload against a real StreamBus process, scaled down (3 consumers, 6 partitions, one
 * join and one leave): it must see every event through and time it. Checks that figures come out and are
 * plausible, not how good they are. The broker forms groups without the initial delay and gives KIP-848
 * members a short heartbeat interval, so the test takes seconds.
 */
class RebalanceWorkloadTest {

    private static final BrokerSetup FAST_GROUPS = new BrokerSetup("streambus-fast-groups", BrokerKind.STREAMBUS,
            "StreamBus, fast group settings", true, Map.of("group.initial.rebalance.delay.ms", "0",
            "group.consumer.heartbeat.interval.ms", "500"));

    @TempDir
    static Path runDir;
    private static BrokerProcess broker;

    @BeforeAll
    static void startBroker() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        var launcher = StreamBusLauncher.ofClasspath(java, System.getProperty("java.class.path"),
                LauncherOptions.read(Path.of("../streambus")));
        broker = launcher.launch(FAST_GROUPS, runDir);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(RebalanceWorkload.TOPIC, 6, (short) 1))).all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest
    @EnumSource(GroupProtocol.class)
    void timesAJoinAndALeave(GroupProtocol protocol) throws Exception {
        var spec = new RebalanceWorkload.Spec(6, 3, 600, 1, 200, 30_000, false, 60_000);

        RebalanceWorkload.Result r = RebalanceWorkload.run(broker.bootstrapServers(), spec, protocol);

        assertThat(r.joinMs()).singleElement().satisfies(ms -> assertThat(ms).isBetween(0.1, 30_000.0));
        assertThat(r.leaveMs()).singleElement().satisfies(ms -> assertThat(ms).isBetween(0.1, 30_000.0));
        assertThat(r.crashMs()).isEmpty();
    }
}
