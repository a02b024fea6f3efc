package io.streambus.server;

import io.streambus.server.config.Listener;
import java.util.List;

/**
 * A part of the server started and stopped with it, e.g. the log manager, the metadata log, the
 * Kafka listener. {@link ServerComponents} starts components in order and closes them in reverse,
 * so each may use the ones before it. A component is started and closed by the server's
 * start-up/shutdown thread, once each.
 */
public interface ServerComponent extends AutoCloseable {

    /** A short name for logs and errors, e.g. "log manager". */
    String name();

    /** Starts the component; returns when it is ready to serve. */
    void start() throws Exception;

    /** Listeners this component serves, with the ports actually bound; empty if it serves none. */
    default List<Listener> boundListeners() {
        return List.of();
    }

    /** Stops the component and releases what it holds. Called once, also after a failed start. */
    @Override
    void close() throws Exception;

    /** Creates a component once the data directory is held and identified. */
    @FunctionalInterface
    interface Factory {
        ServerComponent create(ServerContext context);
    }
}
