package io.streambus.storage.cleaner;

import io.streambus.storage.StorageException;

/** A cleaning pass gave up because the cleaner is shutting down; the log is unchanged by the unfinished group. */
public final class CleanerStoppedException extends StorageException {

    public CleanerStoppedException() {
        super("the log cleaner is stopping");
    }
}
