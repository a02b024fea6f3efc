package io.streambus.metadata.config;

/**
 * A broker-level key that sets the default of a topic config, e.g. {@code log.retention.hours}
 * for {@code retention.ms}.
 *
 * @param key        the broker key
 * @param unitFactor multiply the broker value by this to get the topic value (3,600,000 for hours to ms)
 */
public record BrokerSynonym(ConfigKey<?> key, long unitFactor) {

    public String name() {
        return key.name();
    }
}
