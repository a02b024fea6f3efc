package io.streambus.broker.api;

import org.apache.kafka.common.protocol.Errors;

/**
 * A broker-level failure that maps to one Kafka error code, e.g. {@code NOT_LEADER_OR_FOLLOWER} or
 * {@code UNKNOWN_TOPIC_OR_PARTITION}. Handlers throw it (or complete with it) and the
 * {@link ErrorMapper} turns it into the API's error response.
 */
public class BrokerException extends RuntimeException {

    private final Errors error;

    public BrokerException(Errors error, String message) {
        super(message, null, false, false); // expected outcome, not a bug: no stack trace to fill
        this.error = error;
    }

    public Errors error() {
        return error;
    }
}
