package io.streambus.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.broker.testing.TestBroker;
import io.streambus.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerLifecycleTest {

    @TempDir
    Path dataDir;

    @Test
    void startsRegistersItselfAndRestartsOnTheSameData() {
        try (TestBroker broker = TestBroker.start(dataDir)) {
            assertThat(broker.broker().metadata().cluster().broker(1)).isPresent();
            int firstPort = broker.broker().boundPort(TestBroker.LISTENER);
            assertThat(firstPort).isPositive();

            broker.restart();

            assertThat(broker.broker().metadata().cluster().broker(1)).hasValueSatisfying(registration ->
                    assertThat(registration.toString()).contains(String.valueOf(broker.broker()
                            .boundPort(TestBroker.LISTENER))));
        }
        assertThat(Files.exists(dataDir.resolve("__cluster_metadata-0"))).isTrue();
    }

    @Test
    void secondBrokerOnTheSameDataDirectoryIsRefused() {
        try (TestBroker first = TestBroker.start(dataDir)) {
            assertThatThrownBy(() -> TestBroker.start(dataDir)).isInstanceOf(RuntimeException.class);
            assertThat(first.broker().metadata().cluster().broker(1)).isPresent();
        }
    }
}
