package io.streambus.metadata;

/** Base of every exception the metadata module throws; the broker maps each subtype to a Kafka error code. */
public class MetadataException extends RuntimeException {

    public MetadataException(String message) {
        super(message);
    }

    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
