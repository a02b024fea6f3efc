package io.streambus.metadata.image;

import io.streambus.metadata.MetadataException;

/** A committed record cannot be applied to the image (e.g. it names an unknown topic): a bug or corruption. */
public class MetadataReplayException extends MetadataException {

    public MetadataReplayException(String message) {
        super(message);
    }
}
