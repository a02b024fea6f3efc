package io.streambus.storage;

/** The log could not be opened or was taken offline after a disk error; it serves nothing until fixed. */
public final class LogOfflineException extends StorageException {

    public LogOfflineException(String message) {
        super(message);
    }
}
