package io.streambus.server.config;

import java.util.Objects;

/**
 * A configuration value as a string, before parsing, with where it came from.
 *
 * @param value  the string form (lists comma-separated)
 * @param origin where it was set, for error messages: {@code streambus.yaml:12},
 *               {@code environment variable STREAMBUS_NUM_PARTITIONS}, {@code --set}
 */
public record RawValue(String value, String origin) {

    public RawValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }
}
