package io.streambus.metadata.controller;

/**
 * A registered broker's periodic heartbeat (KRaft's BrokerHeartbeat).
 *
 * @param brokerId              the broker's node id
 * @param brokerEpoch           the epoch its registration was given
 * @param currentMetadataOffset the last metadata offset the broker has applied
 * @param wantFence             the broker asks to be fenced (it cannot serve, e.g. its logs are not loaded)
 * @param wantShutDown          the broker asks for a controlled shutdown
 */
public record BrokerHeartbeatRequest(int brokerId, long brokerEpoch, long currentMetadataOffset, boolean wantFence,
                                     boolean wantShutDown) {
}
