package io.streambus.metadata.image;

import io.streambus.metadata.record.ConfigRecord;
import io.streambus.metadata.record.ConfigResource;
import io.streambus.metadata.record.MetadataRecord;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Dynamic config overrides per resource (key to string value). Resources with none are absent. Immutable. */
public final class ConfigsImage {

    public static final ConfigsImage EMPTY = new ConfigsImage(new TreeMap<>());

    private final SortedMap<ConfigResource, SortedMap<String, String>> resources;

    ConfigsImage(SortedMap<ConfigResource, SortedMap<String, String>> resources) {
        this.resources = Collections.unmodifiableSortedMap(resources);
    }

    public SortedMap<ConfigResource, SortedMap<String, String>> resources() {
        return resources;
    }

    /** The overrides of one resource; empty if it has none. */
    public Map<String, String> configs(ConfigResource resource) {
        SortedMap<String, String> configs = resources.get(resource);
        return configs == null ? Collections.emptySortedMap() : configs;
    }

    void toRecords(List<MetadataRecord> out) {
        resources.forEach((resource, configs) -> configs.forEach((key, value) ->
                out.add(new ConfigRecord(resource.type(), resource.name(), key, value))));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigsImage other && resources.equals(other.resources);
    }

    @Override
    public int hashCode() {
        return resources.hashCode();
    }

    @Override
    public String toString() {
        return "ConfigsImage" + resources;
    }
}
