package io.streambus.metadata.controller;

/**
 * The answer to a broker registration.
 *
 * @param error       NONE, DUPLICATE_BROKER_REGISTRATION or INVALID_REQUEST
 * @param brokerEpoch the registration's epoch, which the broker's heartbeats carry; -1 on error
 */
public record BrokerRegistrationResult(ApiError error, long brokerEpoch) {
}
