package io.streambus.it.support;

import io.streambus.broker.Broker;
import io.streambus.server.BrokerComponent;
import io.streambus.server.StreamBusServer;
import io.streambus.server.config.ServerConfigLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * A StreamBus node started in this JVM the way {@code streambus start} starts one: a {@link StreamBusServer}
 * with the {@link BrokerComponent}, configured through {@link ServerConfigLoader} (no file, no environment),
 * listening on 127.0.0.1 on an ephemeral port. One per test class; {@link #restart()} reopens the same data
 * directory cleanly, on a new port.
 *
 * <p>Threads: started, restarted and closed by the test's thread.
 */
public final class InProcessBroker implements AutoCloseable {

    public static final String LISTENER = "PLAINTEXT";

    private final Path dataDir;
    private final List<String> settings;
    private StreamBusServer server;
    private BrokerComponent component;

    private InProcessBroker(Path dataDir, List<String> settings) {
        this.dataDir = dataDir;
        this.settings = settings;
    }

    /**
     * Starts a node with data in {@code dataDir}.
     *
     * @param settings extra {@code key=value} settings, as {@code --set} takes them (Kafka's key names)
     */
    public static InProcessBroker start(Path dataDir, String... settings) {
        InProcessBroker broker = new InProcessBroker(dataDir, List.of(settings));
        broker.startServer();
        return broker;
    }

    private void startServer() {
        ServerConfigLoader loader = new ServerConfigLoader()
                .set("listeners=" + LISTENER + "://127.0.0.1:0")
                .set("log.dirs=" + dataDir);
        settings.forEach(loader::set);
        server = StreamBusServer.builder(loader.load())
                .component(context -> {
                    component = new BrokerComponent(context);
                    return component;
                })
                .start();
    }

    /** Stops the node cleanly (if running) and starts it again on the same data directory. */
    public void restart() {
        stop();
        startServer();
    }

    /** Stops the node cleanly; {@link #restart()} starts it again. */
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
            component = null;
        }
    }

    /** What Kafka clients are given as {@code bootstrap.servers}. */
    public String bootstrap() {
        return "127.0.0.1:" + port();
    }

    public int port() {
        return broker().boundPort(LISTENER);
    }

    public Broker broker() {
        if (component == null) {
            throw new IllegalStateException("broker is not running");
        }
        return component.broker();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        stop();
    }
}
