package io.streambus.server;

import io.streambus.broker.Broker;
import io.streambus.broker.BrokerConfig;
import io.streambus.broker.network.ListenerConfig;
import io.streambus.broker.network.ConnectionLimits;
import io.streambus.broker.network.NetworkConfig;
import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.server.config.ControllerQuorum;
import io.streambus.server.config.Listener;
import io.streambus.server.config.ServerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka broker as a server component: turns the validated {@link ServerConfig} into a
 * {@link BrokerConfig} and runs a {@link Broker} on the server's data directory.
 */
public final class BrokerComponent implements ServerComponent {

    private final ServerContext context;
    private Broker broker;

    public BrokerComponent(ServerContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public void start() {
        broker = Broker.start(brokerConfig(context), context.time());
    }

    static BrokerConfig brokerConfig(ServerContext context) {
        ServerConfig config = context.config();
        List<ListenerConfig> listeners = new ArrayList<>();
        for (Listener listener : config.listeners()) {
            listeners.add(new ListenerConfig(listener.name(), listener.host(), listener.port()));
        }
        NetworkConfig network = NetworkConfig.defaults(listeners.getFirst());
        network = new NetworkConfig(listeners, config.socketRequestMaxBytes(), network.unauthenticatedMaxBytes(),
                config.queuedMaxRequestBytes(), network.requestTimeoutMs(), network.ioThreads(),
                new ConnectionLimits(config.maxConnections(), config.connectionsMaxIdleMs()));
        List<BrokerConfig.AdvertisedListener> advertised = new ArrayList<>();
        for (Listener listener : config.advertisedListeners()) {
            advertised.add(new BrokerConfig.AdvertisedListener(listener.name(), listener.host(), listener.port()));
        }
        return new BrokerConfig(config.nodeId(), context.meta().clusterId(), context.dataDir(), network, advertised,
                config.staticBrokerConfigs(), BrokerConfigs.toLogManagerConfig(BrokerConfigs.parse(
                        config.staticBrokerConfigs())),
                config.quorum().map(ControllerQuorum::seat));
    }

    /** The listeners as bound, so the ready line shows the real ports (port 0 picks one). */
    @Override
    public List<Listener> boundListeners() {
        List<Listener> bound = new ArrayList<>();
        for (Listener listener : context.config().listeners()) {
            bound.add(listener.withPort(broker.boundPort(listener.name())));
        }
        return bound;
    }

    public Broker broker() {
        return broker;
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
    }
}
