package io.streambus.metadata.record;

import java.util.Objects;

/**
 * A resource that carries config overrides: a topic by name, or a broker by id. The broker
 * resource with the empty name holds the cluster-wide dynamic defaults.
 */
public record ConfigResource(ConfigResourceType type, String name) implements Comparable<ConfigResource> {

    public static final String CLUSTER_DEFAULT_BROKER = "";

    public ConfigResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    public static ConfigResource topic(String name) {
        return new ConfigResource(ConfigResourceType.TOPIC, name);
    }

    public static ConfigResource broker(String name) {
        return new ConfigResource(ConfigResourceType.BROKER, name);
    }

    public static ConfigResource clusterDefaultBroker() {
        return broker(CLUSTER_DEFAULT_BROKER);
    }

    @Override
    public int compareTo(ConfigResource other) {
        int byType = type.compareTo(other.type);
        return byType != 0 ? byType : name.compareTo(other.name);
    }
}
