package io.streambus.broker.network;

import java.util.Objects;

/**
 * One listener: a name (PLAINTEXT, INTERNAL, ...), the address to bind and the port (0 picks a free
 * one; {@link KafkaServer#boundPort} tells which).
 */
public record ListenerConfig(String name, String host, int port) {

    public ListenerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("listener " + name + ": port must be 0..65535, got " + port);
        }
    }
}
