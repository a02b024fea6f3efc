package io.streambus.storage;

/** Base of every exception the storage module throws; the broker maps each subtype to a Kafka error code. */
public class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
