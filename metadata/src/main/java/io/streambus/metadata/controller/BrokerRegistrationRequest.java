package io.streambus.metadata.controller;

import io.streambus.metadata.record.BrokerEndpoint;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.Uuid;

/** A broker announcing itself at start-up. */
public record BrokerRegistrationRequest(int brokerId, Uuid incarnation, List<BrokerEndpoint> endpoints, String rack) {

    public BrokerRegistrationRequest {
        Objects.requireNonNull(incarnation, "incarnation");
        endpoints = List.copyOf(endpoints);
    }
}
