package io.streambus.metadata.record;

import java.util.Objects;
import org.apache.kafka.common.Uuid;

/** A topic is created. Its partitions follow as {@link PartitionRecord}s in the same batch. */
public record TopicRecord(String name, Uuid topicId) implements MetadataRecord {

    public TopicRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topicId, "topicId");
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.TOPIC;
    }
}
