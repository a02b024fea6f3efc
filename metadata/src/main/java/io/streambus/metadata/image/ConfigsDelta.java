package io.streambus.metadata.image;

import io.streambus.metadata.record.ConfigRecord;
import io.streambus.metadata.record.ConfigResource;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** Config override changes within a {@link MetadataDelta}. Not thread-safe. */
public final class ConfigsDelta {

    private final ConfigsImage base;
    /** Per resource: key to new value, null value meaning deleted. */
    private final Map<ConfigResource, Map<String, String>> changes = new HashMap<>();
    private final Set<ConfigResource> cleared = new LinkedHashSet<>();
    private boolean reset;

    ConfigsDelta(ConfigsImage base) {
        this.base = base;
    }

    /** Resources whose overrides changed in this delta. */
    public Set<ConfigResource> changedResources() {
        Set<ConfigResource> resources = new LinkedHashSet<>(cleared);
        resources.addAll(changes.keySet());
        return Collections.unmodifiableSet(resources);
    }

    void deleteAll() {
        reset = true;
        changes.clear();
        cleared.clear();
    }

    void replay(ConfigRecord record) {
        changes.computeIfAbsent(record.resource(), r -> new HashMap<>()).put(record.key(), record.value());
    }

    /** Drops every override of a resource, e.g. when its topic is deleted. */
    void clear(ConfigResource resource) {
        changes.remove(resource);
        cleared.add(resource);
    }

    ConfigsImage apply() {
        if (changes.isEmpty() && cleared.isEmpty() && !reset) {
            return base;
        }
        SortedMap<ConfigResource, SortedMap<String, String>> resources = reset ? new TreeMap<>()
                : new TreeMap<>(base.resources());
        cleared.forEach(resources::remove);
        changes.forEach((resource, keyValues) -> {
            SortedMap<String, String> configs = new TreeMap<>(resources.getOrDefault(resource,
                    Collections.emptySortedMap()));
            keyValues.forEach((key, value) -> {
                if (value == null) {
                    configs.remove(key);
                } else {
                    configs.put(key, value);
                }
            });
            if (configs.isEmpty()) {
                resources.remove(resource);
            } else {
                resources.put(resource, Collections.unmodifiableSortedMap(configs));
            }
        });
        return new ConfigsImage(resources);
    }
}
