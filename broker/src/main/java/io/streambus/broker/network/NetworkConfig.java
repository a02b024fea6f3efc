package io.streambus.broker.network;

import java.util.List;
import java.util.Objects;

/**
 * Settings of the network layer. Names follow Kafka's where Kafka has the same setting.
 *
 * @param listeners                   what to bind
 * @param requestMaxBytes             {@code socket.request.max.bytes}: larger frames close the connection
 * @param unauthenticatedMaxBytes     frame limit before a connection has authenticated (SASL); plaintext
 *                                    listeners authenticate at once and use {@code requestMaxBytes}
 * @param queuedMaxRequestBytes       {@code queued.max.request.bytes}: memory for requests being received
 *                                    or in flight, across all connections
 * @param requestTimeoutMs            a partial frame that makes no progress this long closes its connection
 * @param ioThreads                   event loop threads for connections (the acceptor has its own)
 * @param connectionLimits            {@code max.connections} and {@code connections.max.idle.ms}
 */
public record NetworkConfig(
        List<ListenerConfig> listeners,
        int requestMaxBytes,
        int unauthenticatedMaxBytes,
        long queuedMaxRequestBytes,
        long requestTimeoutMs,
        int ioThreads,
        ConnectionLimits connectionLimits) {

    public static final int DEFAULT_REQUEST_MAX_BYTES = 100 * 1024 * 1024;
    public static final int DEFAULT_UNAUTHENTICATED_MAX_BYTES = 512 * 1024;
    /** Room for one maximal (100 MiB) frame plus the headroom kept for small requests. */
    public static final long DEFAULT_QUEUED_MAX_REQUEST_BYTES = 128L * 1024 * 1024;
    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

    public NetworkConfig {
        listeners = List.copyOf(listeners);
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("at least one listener is required");
        }
        requirePositive("socket.request.max.bytes", requestMaxBytes);
        requirePositive("unauthenticated max bytes", unauthenticatedMaxBytes);
        requirePositive("queued.max.request.bytes", queuedMaxRequestBytes);
        requirePositive("request timeout ms", requestTimeoutMs);
        requirePositive("io threads", ioThreads);
        Objects.requireNonNull(connectionLimits, "connectionLimits");
    }

    /** With Kafka's default connection limits. */
    public NetworkConfig(List<ListenerConfig> listeners, int requestMaxBytes, int unauthenticatedMaxBytes,
                         long queuedMaxRequestBytes, long requestTimeoutMs, int ioThreads) {
        this(listeners, requestMaxBytes, unauthenticatedMaxBytes, queuedMaxRequestBytes, requestTimeoutMs, ioThreads,
                ConnectionLimits.DEFAULT);
    }

    /** Kafka's defaults, one listener, and event loops sized for the machine (2 cores: 2 threads). */
    public static NetworkConfig defaults(ListenerConfig listener) {
        return new NetworkConfig(List.of(listener), DEFAULT_REQUEST_MAX_BYTES, DEFAULT_UNAUTHENTICATED_MAX_BYTES,
                DEFAULT_QUEUED_MAX_REQUEST_BYTES, DEFAULT_REQUEST_TIMEOUT_MS,
                Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public NetworkConfig withQueuedMaxRequestBytes(long bytes) {
        return new NetworkConfig(listeners, requestMaxBytes, unauthenticatedMaxBytes, bytes, requestTimeoutMs, ioThreads,
                connectionLimits);
    }

    public NetworkConfig withRequestMaxBytes(int bytes) {
        return new NetworkConfig(listeners, bytes, unauthenticatedMaxBytes, queuedMaxRequestBytes, requestTimeoutMs, ioThreads,
                connectionLimits);
    }

    public NetworkConfig withRequestTimeoutMs(long timeoutMs) {
        return new NetworkConfig(listeners, requestMaxBytes, unauthenticatedMaxBytes, queuedMaxRequestBytes, timeoutMs, ioThreads,
                connectionLimits);
    }

    public NetworkConfig withConnectionLimits(ConnectionLimits limits) {
        return new NetworkConfig(listeners, requestMaxBytes, unauthenticatedMaxBytes, queuedMaxRequestBytes,
                requestTimeoutMs, ioThreads, limits);
    }

    private static void requirePositive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }
}
