package io.streambus.metadata.image;

import io.streambus.metadata.record.BrokerEndpoint;
import io.streambus.metadata.record.BrokerRegistrationChangeRecord;
import io.streambus.metadata.record.RegisterBrokerRecord;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.Uuid;

/**
 * A registered broker as the image sees it. Immutable.
 *
 * @param epoch                the registration's broker epoch (see {@link RegisterBrokerRecord#brokerEpoch()})
 * @param fenced               a fenced broker is registered but leads nothing and gets no new replicas
 * @param inControlledShutdown the broker asked to shut down
 */
public record BrokerRegistration(int id, Uuid incarnation, long epoch, List<BrokerEndpoint> endpoints, String rack,
                                 boolean fenced, boolean inControlledShutdown) {

    public BrokerRegistration {
        endpoints = List.copyOf(endpoints);
    }

    /** A live (unfenced) registration with epoch 0. */
    public BrokerRegistration(int id, Uuid incarnation, List<BrokerEndpoint> endpoints, String rack) {
        this(id, incarnation, 0L, endpoints, rack, false, false);
    }

    static BrokerRegistration from(RegisterBrokerRecord record) {
        return new BrokerRegistration(record.brokerId(), record.incarnation(), record.brokerEpoch(),
                record.endpoints(), record.rack(), record.fenced(), record.inControlledShutdown());
    }

    public Optional<BrokerEndpoint> endpoint(String listener) {
        return endpoints.stream().filter(e -> e.listener().equals(listener)).findFirst();
    }

    /** Whether the broker may lead partitions and be given new replicas. */
    public boolean isActive() {
        return !fenced && !inControlledShutdown;
    }

    /** This registration with the change applied; the caller checks that the epochs match. */
    BrokerRegistration with(BrokerRegistrationChangeRecord change) {
        return new BrokerRegistration(id, incarnation, epoch, endpoints, rack,
                change.fenced() != null ? change.fenced() : fenced,
                change.inControlledShutdown() != null ? change.inControlledShutdown() : inControlledShutdown);
    }

    RegisterBrokerRecord toRecord() {
        return new RegisterBrokerRecord(id, incarnation, epoch, endpoints, rack, fenced, inControlledShutdown);
    }
}
