package io.streambus.metadata.log;

import io.streambus.metadata.MetadataException;

/** The metadata log cannot commit or read: I/O failure, corruption, or closed. */
public class MetadataLogException extends MetadataException {

    public MetadataLogException(String message) {
        super(message);
    }

    public MetadataLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
