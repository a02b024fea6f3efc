package io.streambus.storage;

/**
 * An idempotent producer's batch does not continue its sequence (a gap, or a non-zero first sequence
 * after an epoch bump). Nothing was written. Kafka's OUT_OF_ORDER_SEQUENCE_NUMBER.
 */
public final class OutOfOrderSequenceException extends StorageException {

    public OutOfOrderSequenceException(String message) {
        super(message);
    }
}
