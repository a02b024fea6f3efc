package io.streambus.storage;

import java.io.IOException;

/**
 * The disk failed under a log (write, fsync, mmap). The log is taken offline: Kafka's KAFKA_STORAGE_ERROR.
 */
public final class LogIOException extends StorageException {

    public LogIOException(String message, IOException cause) {
        super(message, cause);
    }
}
