package io.streambus.metadata.loader;

import io.streambus.metadata.image.MetadataDelta;
import io.streambus.metadata.image.MetadataImage;

/**
 * Told about each new image, e.g. to create or delete partition logs as topics come and go.
 * Called on the metadata log's thread, in order; must not block for long or wait on the log.
 */
public interface MetadataPublisher {

    /** A short name for logs. */
    String name();

    /** {@code delta} holds what changed between {@code delta.base()} and {@code newImage}. */
    void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage);
}
