package io.streambus.metadata.record;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.Uuid;

/**
 * A broker (re-)registers. A later record for the same id replaces the earlier one.
 *
 * @param brokerId             the broker's node id
 * @param incarnation          random id chosen at each broker start, so a restart is told apart from a duplicate
 * @param brokerEpoch          the registration's epoch: the metadata offset it was committed at, so it grows with
 *                             every registration; requests carrying an older epoch come from a stale incarnation
 * @param endpoints            one per listener name, in the broker's listener order
 * @param rack                 rack id, or null
 * @param fenced               whether the broker may not yet lead or be placed on (new registrations start fenced
 *                             and are unfenced once the broker has caught up with the metadata log)
 * @param inControlledShutdown whether the broker asked to shut down and is handing off leadership
 */
public record RegisterBrokerRecord(int brokerId, Uuid incarnation, long brokerEpoch, List<BrokerEndpoint> endpoints,
                                   String rack, boolean fenced, boolean inControlledShutdown)
        implements MetadataRecord {

    public RegisterBrokerRecord {
        Objects.requireNonNull(incarnation, "incarnation");
        endpoints = List.copyOf(endpoints);
    }

    /**
     * A registration as version 0 of the record stored it, before fencing: epoch 0, live. Single-node data
     * directories written then replay to a broker that serves, as it did.
     */
    public RegisterBrokerRecord(int brokerId, Uuid incarnation, List<BrokerEndpoint> endpoints, String rack) {
        this(brokerId, incarnation, 0L, endpoints, rack, false, false);
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
