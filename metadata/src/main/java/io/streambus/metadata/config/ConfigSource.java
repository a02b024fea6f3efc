package io.streambus.metadata.config;

/** Where an effective config value comes from, with Kafka's DescribeConfigs wire ids. */
public enum ConfigSource {
    DYNAMIC_TOPIC_CONFIG((byte) 1),
    DYNAMIC_BROKER_CONFIG((byte) 2),
    DYNAMIC_DEFAULT_BROKER_CONFIG((byte) 3),
    STATIC_BROKER_CONFIG((byte) 4),
    DEFAULT_CONFIG((byte) 5);

    private final byte id;

    ConfigSource(byte id) {
        this.id = id;
    }

    /** The {@code ConfigSource} id of the DescribeConfigs response. */
    public byte id() {
        return id;
    }
}
