package io.streambus.broker.network;

/**
 * A frame the broker will not serve: unknown API key, unsupported version, malformed header or body.
 * The connection is closed (as Kafka does) after one log line; no stack trace, since the cause is the
 * client, not us.
 */
final class BadRequestException extends Exception {

    BadRequestException(String message) {
        super(message, null, false, false);
    }
}
