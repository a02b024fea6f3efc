package io.streambus.metadata.loader;

import io.streambus.metadata.image.MetadataDelta;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.log.MetadataLog;
import io.streambus.metadata.log.MetadataSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the log for a snapshot of the image every {@code intervalRecords} records, so a restart
 * replays a snapshot and a short tail instead of the whole log.
 *
 * <p>Threading: called on the log thread only (as a {@link MetadataPublisher}); its counter
 * has that one writer.
 */
public final class MetadataSnapshotter implements MetadataPublisher {

    private static final Logger log = LoggerFactory.getLogger(MetadataSnapshotter.class);

    private final MetadataLog metadataLog;
    private final long intervalRecords;
    private long lastSnapshotOffset = -1;

    public MetadataSnapshotter(MetadataLog metadataLog, long intervalRecords) {
        if (intervalRecords < 1) {
            throw new IllegalArgumentException("intervalRecords must be at least 1, was " + intervalRecords);
        }
        this.metadataLog = metadataLog;
        this.intervalRecords = intervalRecords;
    }

    @Override
    public String name() {
        return "snapshotter";
    }

    @Override
    public void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage) {
        if (lastSnapshotOffset < 0 && delta.base().isEmpty()) {
            // First image after start: count from here, not from offset 0.
            lastSnapshotOffset = newImage.offset();
            return;
        }
        if (newImage.offset() - lastSnapshotOffset >= intervalRecords) {
            lastSnapshotOffset = newImage.offset();
            metadataLog.createSnapshot(new MetadataSnapshot(newImage.offset(), newImage.toRecords()))
                    .whenComplete((ignored, error) -> {
                        if (error != null) {
                            log.warn("[MetadataSnapshotter] Snapshot at offset {} failed: {}", newImage.offset(),
                                    error.toString());
                        }
                    });
        }
    }
}
