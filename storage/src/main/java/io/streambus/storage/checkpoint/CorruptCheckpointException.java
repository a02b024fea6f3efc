package io.streambus.storage.checkpoint;

import io.streambus.storage.StorageException;

/** A checkpoint file is not in Kafka's checkpoint format; its offsets are ignored and logs fully recovered. */
public final class CorruptCheckpointException extends StorageException {

    public CorruptCheckpointException(String message) {
        super(message);
    }
}
