package io.streambus.metadata.controller;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A topic to create, as in CreateTopics.
 *
 * @param numPartitions     -1 for the broker default ({@code num.partitions}); must be -1 with assignments
 * @param replicationFactor -1 for the broker default ({@code default.replication.factor}); -1 with assignments
 * @param assignments       manual replica assignment by partition index, or empty
 * @param configs           topic config overrides
 */
public record CreatableTopic(String name, int numPartitions, short replicationFactor,
                             Map<Integer, List<Integer>> assignments, Map<String, String> configs) {

    public CreatableTopic {
        Objects.requireNonNull(name, "name");
        assignments = assignments == null ? Map.of() : Map.copyOf(assignments);
        // Map.copyOf rejects null values, but a null config value must reach validation (INVALID_CONFIG).
        configs = configs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(configs));
    }

    public static CreatableTopic of(String name, int numPartitions, int replicationFactor) {
        return new CreatableTopic(name, numPartitions, (short) replicationFactor, Map.of(), Map.of());
    }

    public CreatableTopic withConfigs(Map<String, String> newConfigs) {
        return new CreatableTopic(name, numPartitions, replicationFactor, assignments, newConfigs);
    }
}
