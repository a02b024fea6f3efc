package io.streambus.metadata.record;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.Uuid;

/**
 * A change to an existing partition: new leader, ISR and/or replicas. Fields left null (or
 * {@link #NO_LEADER_CHANGE}) are unchanged. Replay bumps the partition epoch always, and the
 * leader epoch when the leader changes.
 *
 * @param leader   new leader id, -1 for none, or {@link #NO_LEADER_CHANGE}
 * @param isr      new ISR, or null
 * @param replicas new replica list, or null
 */
public record PartitionChangeRecord(Uuid topicId, int partition, int leader, List<Integer> isr,
                                    List<Integer> replicas) implements MetadataRecord {

    public static final int NO_LEADER_CHANGE = -2;

    public PartitionChangeRecord {
        Objects.requireNonNull(topicId, "topicId");
        isr = isr == null ? null : List.copyOf(isr);
        replicas = replicas == null ? null : List.copyOf(replicas);
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.PARTITION_CHANGE;
    }
}
