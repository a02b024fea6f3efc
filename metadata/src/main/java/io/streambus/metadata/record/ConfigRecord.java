package io.streambus.metadata.record;

import java.util.Objects;

/**
 * Sets or deletes one dynamic config override.
 *
 * @param value the new value, or null to delete the override
 */
public record ConfigRecord(ConfigResourceType resourceType, String resourceName, String key, String value)
        implements MetadataRecord {

    public ConfigRecord {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(key, "key");
    }

    public ConfigResource resource() {
        return new ConfigResource(resourceType, resourceName);
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.CONFIG;
    }
}
