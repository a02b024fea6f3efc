package io.streambus.server;

import io.streambus.server.config.Listener;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's components in start order. {@link #start()} starts them one by one; if one fails, the
 * ones already started are closed in reverse and the failure is thrown. {@link #close()} closes the
 * started ones in reverse order, going on past failures (each is logged) so that one stuck component
 * does not keep the others from releasing their files.
 *
 * <p>Owned by the server's start-up/shutdown thread; {@link StreamBusServer} serialises close.
 */
public final class ServerComponents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerComponents.class);

    private final List<ServerComponent> components;
    private final List<ServerComponent> started = new ArrayList<>();

    public ServerComponents(List<ServerComponent> components) {
        this.components = List.copyOf(components);
    }

    /**
     * Starts every component in order.
     *
     * @throws ServerStartupException naming the component that failed
     */
    public void start() {
        for (ServerComponent component : components) {
            try {
                component.start();
                started.add(component);
                LOG.debug("[Server] started {}", component.name());
            } catch (Exception e) {
                // Close it too: a half-started component may hold files or ports.
                started.add(component);
                close();
                throw new ServerStartupException("Cannot start " + component.name() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Listeners served by the started components, in component order. */
    public List<Listener> boundListeners() {
        List<Listener> out = new ArrayList<>();
        started.forEach(c -> out.addAll(c.boundListeners()));
        return out;
    }

    /** Closes the started components in reverse order; failures are logged, not thrown. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            ServerComponent component = started.get(i);
            try {
                component.close();
                LOG.debug("[Server] stopped {}", component.name());
            } catch (Exception e) {
                LOG.error("[Server] stopping {} failed", component.name(), e);
            }
        }
        started.clear();
    }
}
