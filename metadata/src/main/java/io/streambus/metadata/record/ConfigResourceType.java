package io.streambus.metadata.record;

/** Kinds of config resources, with Kafka's wire ids ({@code ConfigResource.Type}). */
public enum ConfigResourceType {
    TOPIC((byte) 2),
    BROKER((byte) 4);

    private final byte id;

    ConfigResourceType(byte id) {
        this.id = id;
    }

    public byte id() {
        return id;
    }

    public static ConfigResourceType fromId(byte id) {
        for (ConfigResourceType type : values()) {
            if (type.id == id) {
                return type;
            }
        }
        throw new IllegalArgumentException("unsupported config resource type id " + id);
    }
}
