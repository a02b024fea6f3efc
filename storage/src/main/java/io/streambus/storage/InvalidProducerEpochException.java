package io.streambus.storage;

/**
 * A producer wrote with an epoch older than the one the log already holds for its producer id: a
 * fenced ("zombie") producer. Nothing was written. Kafka's INVALID_PRODUCER_EPOCH.
 */
public final class InvalidProducerEpochException extends StorageException {

    public InvalidProducerEpochException(String message) {
        super(message);
    }
}
