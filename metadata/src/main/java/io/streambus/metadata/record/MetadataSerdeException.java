package io.streambus.metadata.record;

import io.streambus.metadata.MetadataException;

/** A metadata record could not be decoded: unknown type or version, or truncated/garbled bytes. */
public class MetadataSerdeException extends MetadataException {

    public MetadataSerdeException(String message) {
        super(message);
    }

    public MetadataSerdeException(String message, Throwable cause) {
        super(message, cause);
    }
}
