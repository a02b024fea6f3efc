package io.streambus.it.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.it.support.Clients;
import io.streambus.it.support.InProcessBroker;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Apache kafka-clients of four generations (2.8, 3.6, 3.9 and the current 4.x), each in its own JVM, run the
 * same scenarios against one StreamBus node: the Admin client's topic and config life cycle, idempotent
 * produce with a consumer group that commits, and transactions with offsets. The old clients speak old
 * request versions (ApiVersions v3 and below, Metadata v9 and below, JoinGroup v5 …), so a version StreamBus
 * advertises but answers wrongly fails here. Scenarios live in {@link io.streambus.it.compat.driver}.
 */
class JavaClientMatrixIT {

    private static final int COUNT = 300;

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

    static Stream<String> versions() {
        return Stream.of("2.8.2", "3.6.2", "3.9.1", JavaClient.CURRENT);
    }

    @ParameterizedTest(name = "kafka-clients {0}")
    @MethodSource("versions")
    void adminCreatesDescribesConfiguresAndDeletesTopics(String version) throws Exception {
        String topic = "admin-" + tag(version);

        String output = succeed(version, "admin", topic);

        assertThat(output).contains("OK admin brokers=1 partitions=4");
        try (Admin admin = Clients.admin(broker.bootstrap())) {
            assertThat(admin.listTopics().names().get()).doesNotContain(topic);
        }
    }

    @ParameterizedTest(name = "kafka-clients {0}")
    @MethodSource("versions")
    void idempotentProducerAndClassicGroupConsumer(String version) throws Exception {
        produceAndConsume(version, "classic");
    }

    @Test
    void currentClientsConsumerGroupProtocol() throws Exception {
        produceAndConsume(JavaClient.CURRENT, "consumer");
    }

    @ParameterizedTest(name = "kafka-clients {0}")
    @MethodSource("versions")
    void transactionsCommitAbortAndSendOffsets(String version) throws Exception {
        String topic = "tx-" + tag(version);

        String output = succeed(version, "transactions", topic, topic + "-group");

        assertThat(output).contains("OK transactions committed=13 groupOffset=7");
    }

    private static void produceAndConsume(String version, String protocol) throws Exception {
        String topic = "records-" + protocol + "-" + tag(version);

        String output = succeed(version, "produce-consume", topic, topic + "-group", String.valueOf(COUNT), protocol);

        assertThat(output).contains("OK produce-consume produced=" + COUNT + " consumed=" + COUNT
                + " committed=" + COUNT);
        Map<String, String> written = TopicContents.read(broker.bootstrap(), topic, 3);
        assertThat(written).hasSize(COUNT);
        written.forEach((key, value) -> assertThat(value).isEqualTo("value-" + key.substring("key-".length())));
    }

    private static String succeed(String version, String... scenario) throws Exception {
        ExternalClient.Result result = new JavaClient(version).run(broker.bootstrap(), scenario);
        assertThat(result.exitCode()).as("kafka-clients %s, %s:%n%s%n%s", version, scenario[0], result.stdout(),
                result.stderr()).isZero();
        String clientVersion = JavaClient.CURRENT.equals(version) ? AppInfoParser.getVersion() : version;
        assertThat(result.stdout()).as("the version that ran").contains(" client=" + clientVersion);
        return result.stdout();
    }

    private static String tag(String version) {
        return version.replace('.', '-');
    }
}
