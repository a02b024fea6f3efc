package io.streambus.metadata.record;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.Uuid;

/**
 * A partition is created (with its topic or by CreatePartitions), with its full registration.
 *
 * @param leader         broker id of the leader, or -1 if none
 * @param leaderEpoch    bumped each time the leader changes
 * @param partitionEpoch bumped on every change to this partition
 */
public record PartitionRecord(Uuid topicId, int partition, List<Integer> replicas, List<Integer> isr,
                              int leader, int leaderEpoch, int partitionEpoch) implements MetadataRecord {

    public PartitionRecord {
        Objects.requireNonNull(topicId, "topicId");
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.PARTITION;
    }
}
