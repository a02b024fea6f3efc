package io.streambus.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GeneratedConfigTest {

    @Test
    void kafkaIsACombinedKraftNodeWithTheSetupsDurability() {
        String props = KafkaLauncher.serverProperties(BrokerSetup.KAFKA_FLUSH_EACH, 9100, 9101, Path.of("/d"));
        assertThat(props).contains("process.roles=broker,controller\n", "controller.quorum.voters=1@127.0.0.1:9101\n",
                "listeners=PLAINTEXT://127.0.0.1:9100,CONTROLLER://127.0.0.1:9101\n", "log.dirs=/d\n",
                "log.flush.interval.messages=1\n");
        assertThat(KafkaLauncher.serverProperties(BrokerSetup.KAFKA_DEFAULT, 9100, 9101, Path.of("/d")))
                .doesNotContain("log.flush");
    }

    @Test
    void streamBusGetsOnlyListenerDataAndDurability() {
        String yaml = StreamBusLauncher.config(BrokerSetup.STREAMBUS_NONE, 9200, Path.of("/d"));
        assertThat(yaml).contains("listeners: [\"PLAINTEXT://127.0.0.1:9200\"]\n", "log.dirs: [\"/d\"]\n",
                "log.flush.policy: none\n");
        assertThat(StreamBusLauncher.config(BrokerSetup.STREAMBUS_FSYNC, 9200, Path.of("/d"))).doesNotContain("log.flush");
    }

    @Test
    void everySetupHasAUniqueIdAndEachComparisonSetsStreamBusAgainstKafka() {
        assertThat(BrokerSetup.ALL.stream().map(BrokerSetup::id).distinct()).hasSize(BrokerSetup.ALL.size());
        assertThat(Comparison.STANDARD).allSatisfy(c -> {
            assertThat(c.streamBus().kind()).isEqualTo(BrokerKind.STREAMBUS);
            assertThat(c.kafka().kind()).isEqualTo(BrokerKind.KAFKA);
        });
        assertThat(Comparison.STANDARD.getFirst().streamBus().durable()).isEqualTo(Comparison.STANDARD.getFirst().kafka().durable());
        assertThat(Comparison.STANDARD.get(1).streamBus().durable()).isEqualTo(Comparison.STANDARD.get(1).kafka().durable());
    }
}
