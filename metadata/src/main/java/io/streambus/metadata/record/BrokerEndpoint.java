package io.streambus.metadata.record;

import java.util.Objects;

/**
 * Where a broker listens for one listener name.
 *
 * @param listener listener name, e.g. {@code PLAINTEXT}
 * @param host     advertised host
 * @param port     advertised port
 */
public record BrokerEndpoint(String listener, String host, int port) {

    public BrokerEndpoint {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
