package io.streambus.broker.network;

/**
 * Limits on connections rather than on requests. Names follow Kafka's.
 *
 * @param maxConnections       {@code max.connections}: at this many open connections, across listeners, the
 *                             broker stops accepting (new clients wait in the accept backlog, as Kafka's
 *                             acceptor blocks) until one closes
 * @param connectionsMaxIdleMs {@code connections.max.idle.ms}: a connection with no reads and no writes for this
 *                             long is closed; -1 (or 0) never closes idle connections
 */
public record ConnectionLimits(int maxConnections, long connectionsMaxIdleMs) {

    /** Kafka's defaults: no connection limit, 10 minutes idle. */
    public static final ConnectionLimits DEFAULT = new ConnectionLimits(Integer.MAX_VALUE, 600_000L);

    public ConnectionLimits {
        if (maxConnections < 0) {
            throw new IllegalArgumentException("max.connections must not be negative, got " + maxConnections);
        }
        if (connectionsMaxIdleMs < -1) {
            throw new IllegalArgumentException("connections.max.idle.ms must be at least -1, got "
                    + connectionsMaxIdleMs);
        }
    }

    public boolean closesIdleConnections() {
        return connectionsMaxIdleMs > 0;
    }
}
