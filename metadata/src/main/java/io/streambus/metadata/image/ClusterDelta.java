package io.streambus.metadata.image;

import io.streambus.metadata.record.BrokerRegistrationChangeRecord;
import io.streambus.metadata.record.RegisterBrokerRecord;
import io.streambus.metadata.record.UnregisterBrokerRecord;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Broker registration changes within a {@link MetadataDelta}. A change or removal that names an older epoch than
 * the registration it would touch is meant for an earlier incarnation and is ignored. Not thread-safe.
 */
public final class ClusterDelta {

    private final ClusterImage base;
    private final Map<Integer, BrokerRegistration> changed = new TreeMap<>();
    private final Set<Integer> removed = new HashSet<>();
    private boolean reset;

    ClusterDelta(ClusterImage base) {
        this.base = base;
    }

    /** Brokers registered, re-registered, fenced, unfenced or shutting down in this delta. */
    public Map<Integer, BrokerRegistration> registeredBrokers() {
        return Collections.unmodifiableMap(changed);
    }

    /** Brokers unregistered in this delta. */
    public Set<Integer> unregisteredBrokers() {
        return Collections.unmodifiableSet(removed);
    }

    void deleteAll() {
        reset = true;
        changed.clear();
        removed.clear();
    }

    void replay(RegisterBrokerRecord record) {
        removed.remove(record.brokerId());
        changed.put(record.brokerId(), BrokerRegistration.from(record));
    }

    void replay(BrokerRegistrationChangeRecord record) {
        BrokerRegistration current = current(record.brokerId());
        if (current != null && current.epoch() == record.brokerEpoch()) {
            changed.put(record.brokerId(), current.with(record));
        }
    }

    void replay(UnregisterBrokerRecord record) {
        BrokerRegistration current = current(record.brokerId());
        if (current != null && current.epoch() == record.brokerEpoch()) {
            changed.remove(record.brokerId());
            removed.add(record.brokerId());
        }
    }

    private BrokerRegistration current(int brokerId) {
        if (changed.containsKey(brokerId)) {
            return changed.get(brokerId);
        }
        if (removed.contains(brokerId) || reset) {
            return null;
        }
        return base.brokers().get(brokerId);
    }

    ClusterImage apply() {
        if (changed.isEmpty() && removed.isEmpty() && !reset) {
            return base;
        }
        TreeMap<Integer, BrokerRegistration> brokers = reset ? new TreeMap<>() : new TreeMap<>(base.brokers());
        removed.forEach(brokers::remove);
        brokers.putAll(changed);
        return new ClusterImage(brokers);
    }
}
