package io.streambus.metadata.log;

/**
 * Receives the committed metadata log in order. Callbacks come on the log's own thread, one at a
 * time; a listener must not block on the log (e.g. wait for an append) inside them.
 */
public interface MetadataLogListener {

    /** Replace all state with this snapshot. Delivered first when starting from a snapshot. */
    void onSnapshot(MetadataSnapshot snapshot);

    /** A committed batch, strictly after everything delivered before. */
    void onCommit(MetadataBatch batch);
}
