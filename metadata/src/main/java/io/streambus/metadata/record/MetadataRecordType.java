package io.streambus.metadata.record;

/**
 * Type ids and current versions of the metadata records. Ids are persisted: never reuse or renumber one.
 * Bump {@code currentVersion} when a record's fields change and teach {@link MetadataRecordSerde}
 * to read every older version.
 */
public enum MetadataRecordType {
    REGISTER_BROKER(1, 1),
    TOPIC(2, 0),
    PARTITION(3, 0),
    PARTITION_CHANGE(4, 0),
    REMOVE_TOPIC(5, 0),
    CONFIG(6, 0),
    PRODUCER_IDS(7, 0),
    BROKER_REGISTRATION_CHANGE(8, 0),
    UNREGISTER_BROKER(9, 0);

    private final short id;
    private final short currentVersion;

    MetadataRecordType(int id, int currentVersion) {
        this.id = (short) id;
        this.currentVersion = (short) currentVersion;
    }

    public short id() {
        return id;
    }

    public short currentVersion() {
        return currentVersion;
    }

    public static MetadataRecordType fromId(short id) {
        for (MetadataRecordType type : values()) {
            if (type.id == id) {
                return type;
            }
        }
        throw new MetadataSerdeException("unknown metadata record type id " + id);
    }
}
