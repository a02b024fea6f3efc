package io.streambus.metadata.controller;

/**
 * The controller's answer to a heartbeat.
 *
 * @param error          NONE, BROKER_ID_NOT_REGISTERED or STALE_BROKER_EPOCH
 * @param isCaughtUp     the broker has applied the metadata log up to its own registration
 * @param isFenced       the broker is fenced after this heartbeat
 * @param shouldShutDown a broker in controlled shutdown may now stop: it leads nothing another replica could take
 */
public record BrokerHeartbeatResult(ApiError error, boolean isCaughtUp, boolean isFenced, boolean shouldShutDown) {

    static BrokerHeartbeatResult failed(ApiError error) {
        return new BrokerHeartbeatResult(error, false, true, false);
    }
}
