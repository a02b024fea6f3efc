package io.streambus.broker;

import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.broker.network.NetworkConfig;
import io.streambus.storage.LogManagerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link Broker} needs to start, already validated and typed. The server module builds it
 * from the YAML file, environment and flags; tests build it directly.
 *
 * @param nodeId              {@code node.id}
 * @param clusterId           the cluster id from {@code meta.properties}
 * @param dataDir             {@code log.dirs}: partition logs, the metadata log and checkpoints
 * @param network             listeners and request limits
 * @param advertisedListeners what Metadata and DescribeCluster tell clients to connect to; a listener with
 *                            port 0 is advertised with the port it was bound to
 * @param staticConfigs       every broker config as set at start-up, by Kafka name: the static layer that
 *                            topic and broker config resolution falls back to
 * @param logManager          storage threads and checkpoint intervals
 * @param quorum              this node's place in the cluster's metadata quorum; empty for a single node with a
 *                            local metadata log
 */
public record BrokerConfig(int nodeId,
                           String clusterId,
                           Path dataDir,
                           NetworkConfig network,
                           List<AdvertisedListener> advertisedListeners,
                           Map<String, String> staticConfigs,
                           LogManagerConfig logManager,
                           Optional<QuorumSeat> quorum) {

    /** A single node: the metadata log is local. */
    public BrokerConfig(int nodeId, String clusterId, Path dataDir, NetworkConfig network,
                        List<AdvertisedListener> advertisedListeners, Map<String, String> staticConfigs,
                        LogManagerConfig logManager) {
        this(nodeId, clusterId, dataDir, network, advertisedListeners, staticConfigs, logManager, Optional.empty());
    }

    public BrokerConfig {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(network, "network");
        advertisedListeners = List.copyOf(advertisedListeners);
        staticConfigs = Map.copyOf(staticConfigs);
        Objects.requireNonNull(logManager, "logManager");
        Objects.requireNonNull(quorum, "quorum");
        if (quorum.isPresent() && quorum.get().self().id() != nodeId) {
            throw new IllegalArgumentException("node.id " + nodeId + " does not match its quorum endpoint "
                    + quorum.get().self());
        }
        if (nodeId < 0) {
            throw new IllegalArgumentException("node.id must not be negative, was " + nodeId);
        }
    }

    /** The same configuration on another data directory. */
    public BrokerConfig withDataDir(Path otherDataDir) {
        return new BrokerConfig(nodeId, clusterId, otherDataDir, network, advertisedListeners, staticConfigs, logManager,
                quorum);
    }

    /** True for a node of a cluster, false for a single node. */
    public boolean inCluster() {
        return quorum.isPresent();
    }

    /** {@code broker.rack}, registered with the controller and reported to clients; null if not set. */
    public String rack() {
        return staticConfigs.get(BrokerConfigs.RACK.name());
    }

    /** One address clients are told to use. */
    public record AdvertisedListener(String listenerName, String host, int port) {
    }
}
