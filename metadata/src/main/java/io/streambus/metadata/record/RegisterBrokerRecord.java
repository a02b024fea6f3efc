package io.streambus.metadata.record;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.Uuid;

/**
 * A broker (re-)registers. A later record for the same id replaces the earlier one.
 *
 * @param brokerId    the broker's node id
 * @param incarnation random id chosen at each broker start, so a restart is told apart from a duplicate
 * @param endpoints   one per listener name, in the broker's listener order
 * @param rack        rack id, or null
 */
public record RegisterBrokerRecord(int brokerId, Uuid incarnation, List<BrokerEndpoint> endpoints, String rack)
        implements MetadataRecord {

    public RegisterBrokerRecord {
        Objects.requireNonNull(incarnation, "incarnation");
        endpoints = List.copyOf(endpoints);
    }

    public Optional<BrokerEndpoint> endpoint(String listener) {
        for (BrokerEndpoint endpoint : endpoints) {
            if (endpoint.listener().equals(listener)) {
                return Optional.of(endpoint);
            }
        }
        return Optional.empty();
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.REGISTER_BROKER;
    }
}
