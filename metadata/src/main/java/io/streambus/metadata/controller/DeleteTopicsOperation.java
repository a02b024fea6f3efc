package io.streambus.metadata.controller;

import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.image.TopicImage;
import io.streambus.metadata.record.MetadataRecord;
import io.streambus.metadata.record.RemoveTopicRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;

/** DeleteTopics by name and/or id against an image. Runs on the controller thread. */
final class DeleteTopicsOperation {

    private final MetadataImage image;
    private final boolean deletionEnabled;

    DeleteTopicsOperation(MetadataImage image, boolean deletionEnabled) {
        this.image = image;
        this.deletionEnabled = deletionEnabled;
    }

    ControllerResult<List<DeleteTopicResult>> run(List<String> names, List<Uuid> ids) {
        Set<Uuid> toRemove = new LinkedHashSet<>();
        List<DeleteTopicResult> results = new ArrayList<>();
        for (String name : names) {
            TopicImage topic = image.topics().topic(name);
            if (topic == null) {
                results.add(new DeleteTopicResult(name, Uuid.ZERO_UUID, ApiError.of(Errors.UNKNOWN_TOPIC_OR_PARTITION,
                        "Topic '" + name + "' does not exist.")));
            } else {
                results.add(delete(topic, name, topic.id(), toRemove));
            }
        }
        for (Uuid id : ids) {
            TopicImage topic = id == null ? null : image.topics().topic(id);
            if (topic == null) {
                results.add(new DeleteTopicResult(null, id, ApiError.of(Errors.UNKNOWN_TOPIC_ID,
                        "Topic id " + id + " does not exist.")));
            } else {
                results.add(delete(topic, topic.name(), id, toRemove));
            }
        }
        List<MetadataRecord> records = new ArrayList<>();
        toRemove.forEach(id -> records.add(new RemoveTopicRecord(id)));
        return new ControllerResult<>(records, results);
    }

    private DeleteTopicResult delete(TopicImage topic, String name, Uuid id, Set<Uuid> toRemove) {
        if (!deletionEnabled) {
            return new DeleteTopicResult(name, id, ApiError.of(Errors.TOPIC_DELETION_DISABLED,
                    "Topic deletion is disabled (delete.topic.enable=false)."));
        }
        toRemove.add(topic.id());
        return new DeleteTopicResult(name, topic.id(), ApiError.NONE);
    }
}
