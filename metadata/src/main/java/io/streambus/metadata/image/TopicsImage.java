package io.streambus.metadata.image;

import io.streambus.metadata.record.MetadataRecord;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.Uuid;

/** All topics, by id and by name. Immutable. */
public final class TopicsImage {

    public static final TopicsImage EMPTY = new TopicsImage(new HashMap<>(), new TreeMap<>());

    private final Map<Uuid, TopicImage> byId;
    private final SortedMap<String, TopicImage> byName;

    TopicsImage(Map<Uuid, TopicImage> byId, SortedMap<String, TopicImage> byName) {
        this.byId = Collections.unmodifiableMap(byId);
        this.byName = Collections.unmodifiableSortedMap(byName);
    }

    public Map<Uuid, TopicImage> byId() {
        return byId;
    }

    /** Topics sorted by name. */
    public SortedMap<String, TopicImage> byName() {
        return byName;
    }

    public TopicImage topic(String name) {
        return byName.get(name);
    }

    public TopicImage topic(Uuid id) {
        return byId.get(id);
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    void toRecords(List<MetadataRecord> out) {
        byName.values().forEach(t -> t.toRecords(out));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicsImage other && byId.equals(other.byId);
    }

    @Override
    public int hashCode() {
        return byId.hashCode();
    }

    @Override
    public String toString() {
        return "TopicsImage" + byName.keySet();
    }
}
