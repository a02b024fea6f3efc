package io.streambus.broker.testing;

import io.streambus.broker.Broker;
import io.streambus.broker.BrokerConfig;
import io.streambus.broker.network.ListenerConfig;
import io.streambus.broker.network.NetworkConfig;
import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.storage.Time;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-process broker on an ephemeral port for tests. {@link #bootstrap()} is what Kafka clients are
 * given. Start one per test class (start-up takes milliseconds) with its own data directory.
 */
public final class TestBroker implements AutoCloseable {

    public static final String LISTENER = "PLAINTEXT";

    private final Path dataDir;
    private final Map<String, String> configs;
    private Broker broker;

    private TestBroker(Path dataDir, Map<String, String> configs) {
        this.dataDir = dataDir;
        this.configs = configs;
    }

    /** Starts a broker with data in {@code dataDir} and the given static broker configs (Kafka names). */
    public static TestBroker start(Path dataDir, Map<String, String> configs) {
        TestBroker testBroker = new TestBroker(dataDir, new HashMap<>(configs));
        testBroker.restart();
        return testBroker;
    }

    public static TestBroker start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** Starts the broker again (after {@link #close()}) on the same data directory, on a new port. */
    public void restart() {
        if (broker != null) {
            broker.close();
        }
        NetworkConfig network = NetworkConfig.defaults(new ListenerConfig(LISTENER, "127.0.0.1", 0));
        BrokerConfig config = new BrokerConfig(1, "streambus-test-cluster", dataDir, network, List.of(),
                configs, BrokerConfigs.toLogManagerConfig(BrokerConfigs.parse(configs)));
        broker = Broker.start(config, Time.SYSTEM);
    }

    public String bootstrap() {
        return "127.0.0.1:" + broker.boundPort(LISTENER);
    }

    public Broker broker() {
        return broker;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
