package io.streambus.metadata.log;

import io.streambus.metadata.record.MetadataRecord;
import java.util.List;

/**
 * The whole metadata state as of {@code lastOffset}, as records that rebuild it when replayed
 * onto an empty image.
 */
public record MetadataSnapshot(long lastOffset, List<MetadataRecord> records) {

    public MetadataSnapshot {
        records = List.copyOf(records);
    }
}
