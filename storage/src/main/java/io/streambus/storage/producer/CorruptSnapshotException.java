package io.streambus.storage.producer;

import io.streambus.storage.StorageException;

/** A producer-state snapshot failed its checks (size, version, CRC32C); recovery skips it. */
public final class CorruptSnapshotException extends StorageException {

    public CorruptSnapshotException(String message) {
        super(message);
    }
}
