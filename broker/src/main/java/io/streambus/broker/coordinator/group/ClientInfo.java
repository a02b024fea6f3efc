package io.streambus.broker.coordinator.group;

/** Who sent a group request and at which version: what the coordinator needs from the request context. */
public record ClientInfo(String clientId, String clientHost, short apiVersion) {
}
