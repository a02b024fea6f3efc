package io.streambus.metadata.record;

import java.util.Objects;
import org.apache.kafka.common.Uuid;

/** A topic is deleted, with its partitions and its config overrides. */
public record RemoveTopicRecord(Uuid topicId) implements MetadataRecord {

    public RemoveTopicRecord {
        Objects.requireNonNull(topicId, "topicId");
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.REMOVE_TOPIC;
    }
}
