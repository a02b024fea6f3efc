package io.streambus.metadata.image;

import io.streambus.metadata.record.RegisterBrokerRecord;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Broker registration changes within a {@link MetadataDelta}. Not thread-safe. */
public final class ClusterDelta {

    private final ClusterImage base;
    private final Map<Integer, BrokerRegistration> registered = new TreeMap<>();
    private boolean reset;

    ClusterDelta(ClusterImage base) {
        this.base = base;
    }

    /** Brokers (re-)registered in this delta. */
    public Map<Integer, BrokerRegistration> registeredBrokers() {
        return Collections.unmodifiableMap(registered);
    }

    void deleteAll() {
        reset = true;
        registered.clear();
    }

    void replay(RegisterBrokerRecord record) {
        registered.put(record.brokerId(), BrokerRegistration.from(record));
    }

    ClusterImage apply() {
        if (registered.isEmpty() && !reset) {
            return base;
        }
        TreeMap<Integer, BrokerRegistration> brokers = reset ? new TreeMap<>() : new TreeMap<>(base.brokers());
        brokers.putAll(registered);
        return new ClusterImage(brokers);
    }
}
