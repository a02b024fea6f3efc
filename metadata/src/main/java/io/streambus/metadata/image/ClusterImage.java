package io.streambus.metadata.image;

import io.streambus.metadata.record.MetadataRecord;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The registered brokers, by id (sorted, so iteration and replica placement are deterministic). Immutable. */
public final class ClusterImage {

    public static final ClusterImage EMPTY = new ClusterImage(new TreeMap<>());

    private final SortedMap<Integer, BrokerRegistration> brokers;

    ClusterImage(SortedMap<Integer, BrokerRegistration> brokers) {
        this.brokers = Collections.unmodifiableSortedMap(brokers);
    }

    public SortedMap<Integer, BrokerRegistration> brokers() {
        return brokers;
    }

    public Optional<BrokerRegistration> broker(int id) {
        return Optional.ofNullable(brokers.get(id));
    }

    /** Brokers that may lead and take new replicas: unfenced and not shutting down, by id. */
    public List<BrokerRegistration> activeBrokers() {
        return brokers.values().stream().filter(BrokerRegistration::isActive).toList();
    }

    /** Registered brokers that are not fenced (they serve, even while shutting down), by id. */
    public List<BrokerRegistration> unfencedBrokers() {
        return brokers.values().stream().filter(b -> !b.fenced()).toList();
    }

    public boolean isEmpty() {
        return brokers.isEmpty();
    }

    void toRecords(List<MetadataRecord> out) {
        brokers.values().forEach(b -> out.add(b.toRecord()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterImage other && brokers.equals(other.brokers);
    }

    @Override
    public int hashCode() {
        return brokers.hashCode();
    }

    @Override
    public String toString() {
        return "ClusterImage" + Map.copyOf(brokers).keySet();
    }
}
