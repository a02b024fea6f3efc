package io.streambus.metadata.image;

import io.streambus.metadata.record.PartitionChangeRecord;
import io.streambus.metadata.record.PartitionRecord;
import java.util.Collections;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.Uuid;

/**
 * Changes to one topic within a {@link MetadataDelta}. Not thread-safe: owned by whoever replays.
 */
public final class TopicDelta {

    private final TopicImage base;
    private final String name;
    private final Uuid id;
    private final SortedMap<Integer, PartitionRegistration> changedPartitions = new TreeMap<>();

    TopicDelta(TopicImage base, String name, Uuid id) {
        this.base = base;
        this.name = name;
        this.id = id;
    }

    /** The topic before this delta, or null if the delta creates it. */
    public TopicImage base() {
        return base;
    }

    public String name() {
        return name;
    }

    public Uuid id() {
        return id;
    }

    public boolean isCreated() {
        return base == null;
    }

    /** Partitions created or changed by this delta, with their new registration. */
    public SortedMap<Integer, PartitionRegistration> changedPartitions() {
        return Collections.unmodifiableSortedMap(changedPartitions);
    }

    /** Indices of partitions this delta creates (new topic or CreatePartitions). */
    public Set<Integer> createdPartitions() {
        Set<Integer> created = new TreeSet<>();
        for (Integer index : changedPartitions.keySet()) {
            if (base == null || base.partition(index) == null) {
                created.add(index);
            }
        }
        return created;
    }

    /** The partition as of this delta (changed or base), or null. */
    public PartitionRegistration partition(int index) {
        PartitionRegistration changed = changedPartitions.get(index);
        if (changed != null) {
            return changed;
        }
        return base == null ? null : base.partition(index);
    }

    void replay(PartitionRecord record) {
        changedPartitions.put(record.partition(), PartitionRegistration.from(record));
    }

    void replay(PartitionChangeRecord record) {
        PartitionRegistration current = partition(record.partition());
        if (current == null) {
            throw new MetadataReplayException("PartitionChangeRecord for unknown partition " + name + "-"
                    + record.partition());
        }
        changedPartitions.put(record.partition(), current.merge(record));
    }

    TopicImage apply() {
        SortedMap<Integer, PartitionRegistration> partitions = base == null ? new TreeMap<>()
                : new TreeMap<>(base.partitions());
        partitions.putAll(changedPartitions);
        return new TopicImage(name, id, partitions);
    }
}
