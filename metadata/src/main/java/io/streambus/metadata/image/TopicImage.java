package io.streambus.metadata.image;

import io.streambus.metadata.record.MetadataRecord;
import io.streambus.metadata.record.TopicRecord;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.Uuid;

/** One topic: its name, id and partitions by index. Immutable. */
public final class TopicImage {

    private final String name;
    private final Uuid id;
    private final SortedMap<Integer, PartitionRegistration> partitions;

    public TopicImage(String name, Uuid id, SortedMap<Integer, PartitionRegistration> partitions) {
        this.name = Objects.requireNonNull(name, "name");
        this.id = Objects.requireNonNull(id, "id");
        this.partitions = Collections.unmodifiableSortedMap(new TreeMap<>(partitions));
    }

    public String name() {
        return name;
    }

    public Uuid id() {
        return id;
    }

    /** Internal topics ({@code __consumer_offsets}, {@code __transaction_state}, ...) start with "__". */
    public boolean internal() {
        return isInternal(name);
    }

    public static boolean isInternal(String topicName) {
        return topicName.startsWith("__");
    }

    public SortedMap<Integer, PartitionRegistration> partitions() {
        return partitions;
    }

    public PartitionRegistration partition(int index) {
        return partitions.get(index);
    }

    public int numPartitions() {
        return partitions.size();
    }

    void toRecords(List<MetadataRecord> out) {
        out.add(new TopicRecord(name, id));
        partitions.forEach((index, p) -> out.add(p.toRecord(id, index)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicImage other && name.equals(other.name) && id.equals(other.id)
                && partitions.equals(other.partitions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, id, partitions);
    }

    @Override
    public String toString() {
        return "TopicImage(" + name + ", " + id + ", " + partitions + ")";
    }
}
