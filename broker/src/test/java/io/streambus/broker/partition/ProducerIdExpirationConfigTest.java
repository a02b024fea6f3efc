package io.streambus.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import io.streambus.storage.LogConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** producer.id.expiration.ms is a broker setting; every partition log must get it, before and after a restart. */
class ProducerIdExpirationConfigTest {

    @TempDir
    Path dataDir;

    @Test
    void theBrokerSettingReachesEveryPartitionLog() {
        try (TestBroker broker = TestBroker.start(dataDir, Map.of("producer.id.expiration.ms", "5000"))) {
            TestTopics.create(broker, "idempotent", 2);
            assertThat(TestTopics.partition(broker, "idempotent", 0).log().config().producerIdExpirationMs())
                    .isEqualTo(5000);
            assertThat(TestTopics.partition(broker, "idempotent", 1).log().config().producerIdExpirationMs())
                    .isEqualTo(5000);
            broker.restart();
            assertThat(TestTopics.partition(broker, "idempotent", 0).log().config().producerIdExpirationMs())
                    .isEqualTo(5000);
        }
    }

    @Test
    void withoutItTheLogsKeepKafkasDefault() {
        try (TestBroker broker = TestBroker.start(dataDir)) {
            TestTopics.create(broker, "idempotent", 1);
            assertThat(TestTopics.partition(broker, "idempotent", 0).log().config().producerIdExpirationMs())
                    .isEqualTo(LogConfig.DEFAULT_PRODUCER_ID_EXPIRATION_MS);
        }
    }
}
