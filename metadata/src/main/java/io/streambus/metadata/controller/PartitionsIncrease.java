package io.streambus.metadata.controller;

import java.util.List;
import java.util.Objects;

/**
 * One topic of CreatePartitions.
 *
 * @param totalCount  the new total number of partitions
 * @param assignments replicas of each new partition, or empty to place them automatically
 */
public record PartitionsIncrease(String topic, int totalCount, List<List<Integer>> assignments) {

    public PartitionsIncrease {
        Objects.requireNonNull(topic, "topic");
        assignments = assignments == null ? List.of() : assignments.stream().map(List::copyOf).toList();
    }

    public static PartitionsIncrease of(String topic, int totalCount) {
        return new PartitionsIncrease(topic, totalCount, List.of());
    }
}
