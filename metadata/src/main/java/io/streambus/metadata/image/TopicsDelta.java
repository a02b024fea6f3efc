package io.streambus.metadata.image;

import io.streambus.metadata.record.PartitionChangeRecord;
import io.streambus.metadata.record.PartitionRecord;
import io.streambus.metadata.record.RemoveTopicRecord;
import io.streambus.metadata.record.TopicRecord;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Uuid;

/** Topic changes within a {@link MetadataDelta}. Not thread-safe: owned by whoever replays. */
public final class TopicsDelta {

    private final TopicsImage base;
    private final Map<Uuid, TopicDelta> changed = new LinkedHashMap<>();
    private final Map<Uuid, TopicImage> deleted = new LinkedHashMap<>();

    TopicsDelta(TopicsImage base) {
        this.base = base;
    }

    /** Topics created or changed, by id. A created topic has {@link TopicDelta#isCreated()}. */
    public Map<Uuid, TopicDelta> changedTopics() {
        return Collections.unmodifiableMap(changed);
    }

    /** Topics deleted by this delta, as they were in the base image (so their partitions can be removed). */
    public Map<Uuid, TopicImage> deletedTopics() {
        return Collections.unmodifiableMap(deleted);
    }

    public boolean isEmpty() {
        return changed.isEmpty() && deleted.isEmpty();
    }

    /** The topic's name as of this delta (created here or in the base), or null. */
    String nameOf(Uuid id) {
        TopicDelta delta = changed.get(id);
        if (delta != null) {
            return delta.name();
        }
        TopicImage topic = deleted.containsKey(id) ? null : base.topic(id);
        return topic == null ? null : topic.name();
    }

    /** Snapshot load: every topic of the base is deleted unless the snapshot brings it back. */
    void deleteAll() {
        changed.clear();
        deleted.putAll(base.byId());
    }

    void replay(TopicRecord record) {
        deleted.remove(record.topicId());
        changed.put(record.topicId(), new TopicDelta(null, record.name(), record.topicId()));
    }

    void replay(PartitionRecord record) {
        topicDelta(record.topicId()).replay(record);
    }

    void replay(PartitionChangeRecord record) {
        topicDelta(record.topicId()).replay(record);
    }

    void replay(RemoveTopicRecord record) {
        TopicDelta delta = changed.remove(record.topicId());
        TopicImage existing = base.topic(record.topicId());
        if (existing != null) {
            deleted.put(record.topicId(), existing);
        } else if (delta == null) {
            throw new MetadataReplayException("RemoveTopicRecord for unknown topic id " + record.topicId());
        }
    }

    private TopicDelta topicDelta(Uuid id) {
        TopicDelta delta = changed.get(id);
        if (delta == null) {
            TopicImage existing = deleted.containsKey(id) ? null : base.topic(id);
            if (existing == null) {
                throw new MetadataReplayException("record for unknown topic id " + id);
            }
            delta = new TopicDelta(existing, existing.name(), id);
            changed.put(id, delta);
        }
        return delta;
    }

    TopicsImage apply() {
        if (isEmpty()) {
            return base;
        }
        Map<Uuid, TopicImage> byId = new HashMap<>(base.byId());
        TreeMap<String, TopicImage> byName = new TreeMap<>(base.byName());
        deleted.values().forEach(topic -> {
            byId.remove(topic.id());
            byName.remove(topic.name());
        });
        changed.values().forEach(delta -> {
            TopicImage topic = delta.apply();
            byId.put(topic.id(), topic);
            byName.put(topic.name(), topic);
        });
        return new TopicsImage(byId, byName);
    }
}
