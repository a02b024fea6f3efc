package io.streambus.server.config;

import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.metadata.config.ConfigKey;
import io.streambus.metadata.config.ConfigValues;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server's validated configuration: typed values of every declared key (defaults filled in), the
 * parsed listeners and data directory, and the keys set explicitly (for {@code ConfigResolver} and
 * for reporting where a value came from). Built by {@link ServerConfigLoader}. Immutable.
 */
public final class ServerConfig {

    private final ConfigValues values;
    private final Path dataDir;
    private final List<Listener> listeners;
    private final List<Listener> advertisedListeners;
    private final Optional<ControllerQuorum> quorum;
    private final Map<String, RawValue> explicit;
    private final Map<String, String> staticBrokerConfigs;
    private final Map<String, String> extensions;

    ServerConfig(ConfigValues values, Path dataDir, List<Listener> listeners, List<Listener> advertisedListeners,
                 Optional<ControllerQuorum> quorum, Map<String, RawValue> explicit, Map<String, String> staticBrokerConfigs,
                 Map<String, String> extensions) {
        this.values = values;
        this.dataDir = dataDir;
        this.listeners = List.copyOf(listeners);
        this.advertisedListeners = List.copyOf(advertisedListeners);
        this.quorum = quorum;
        this.explicit = Map.copyOf(explicit);
        this.staticBrokerConfigs = Map.copyOf(staticBrokerConfigs);
        this.extensions = Map.copyOf(extensions);
    }

    /** The value of any declared key (see {@link BrokerConfigs}, {@link ServerConfigs}). */
    public <T> T value(ConfigKey<T> key) {
        return values.get(key);
    }

    public int nodeId() {
        return values.get(BrokerConfigs.NODE_ID);
    }

    /** The data directory ({@code log.dirs}): partition data, the metadata log, {@code meta.properties}. */
    public Path dataDir() {
        return dataDir;
    }

    /** Where the broker listens, in configuration order. */
    public List<Listener> listeners() {
        return listeners;
    }

    /** The metadata quorum this node is a voter of; empty for a single node with a local metadata log. */
    public Optional<ControllerQuorum> quorum() {
        return quorum;
    }

    /** What clients are told to connect to; {@code listeners} unless {@code advertised.listeners} is set. */
    public List<Listener> advertisedListeners() {
        return advertisedListeners;
    }

    public int numPartitions() {
        return values.get(BrokerConfigs.NUM_PARTITIONS);
    }

    public short defaultReplicationFactor() {
        return values.get(BrokerConfigs.DEFAULT_REPLICATION_FACTOR).shortValue();
    }

    public boolean autoCreateTopicsEnable() {
        return values.get(BrokerConfigs.AUTO_CREATE_TOPICS_ENABLE);
    }

    public int socketRequestMaxBytes() {
        return values.get(BrokerConfigs.SOCKET_REQUEST_MAX_BYTES);
    }

    /** -1 for no limit. */
    public long queuedMaxRequestBytes() {
        return values.get(BrokerConfigs.QUEUED_MAX_REQUEST_BYTES);
    }

    /** -1 to never close idle connections. */
    public long connectionsMaxIdleMs() {
        return values.get(BrokerConfigs.CONNECTIONS_MAX_IDLE_MS);
    }

    public int maxConnections() {
        return values.get(BrokerConfigs.MAX_CONNECTIONS);
    }

    /** Level of the {@code io.streambus} loggers: TRACE, DEBUG, INFO, WARN, ERROR or OFF. */
    public String logLevel() {
        return values.get(ServerConfigs.LOG_LEVEL);
    }

    public long shutdownTimeoutMs() {
        return values.get(ServerConfigs.SHUTDOWN_TIMEOUT_MS);
    }

    /**
     * The broker keys set explicitly (file, environment or command line), as strings: the static
     * configs {@code ConfigResolver} places below dynamic ones.
     */
    public Map<String, String> staticBrokerConfigs() {
        return staticBrokerConfigs;
    }

    /** Keys under {@value ServerConfigs#EXTENSION_NAMESPACE}, unchecked, for extensions to validate. */
    public Map<String, String> extensions() {
        return extensions;
    }

    /** Where a key was set ({@code streambus.yaml:12}, an environment variable, a flag), or "default". */
    public String origin(String key) {
        RawValue raw = explicit.get(key);
        return raw == null ? "default" : raw.origin();
    }

    @Override
    public String toString() {
        return "ServerConfig" + explicit.keySet();
    }
}
