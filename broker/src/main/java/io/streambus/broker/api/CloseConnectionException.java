package io.streambus.broker.api;

/**
 * Completes a request by closing its connection instead of answering. Kafka does this when a request
 * that gets no response fails (Produce with acks=0), so the client notices and refreshes metadata.
 */
public final class CloseConnectionException extends RuntimeException {

    public CloseConnectionException(String message) {
        super(message, null, false, false);
    }
}
