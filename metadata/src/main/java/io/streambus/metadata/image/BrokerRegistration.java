package io.streambus.metadata.image;

import io.streambus.metadata.record.BrokerEndpoint;
import io.streambus.metadata.record.RegisterBrokerRecord;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.Uuid;

/** A registered broker as the image sees it. Immutable. */
public record BrokerRegistration(int id, Uuid incarnation, List<BrokerEndpoint> endpoints, String rack) {

    public BrokerRegistration {
        endpoints = List.copyOf(endpoints);
    }

    static BrokerRegistration from(RegisterBrokerRecord record) {
        return new BrokerRegistration(record.brokerId(), record.incarnation(), record.endpoints(), record.rack());
    }

    public Optional<BrokerEndpoint> endpoint(String listener) {
        return endpoints.stream().filter(e -> e.listener().equals(listener)).findFirst();
    }

    RegisterBrokerRecord toRecord() {
        return new RegisterBrokerRecord(id, incarnation, endpoints, rack);
    }
}
