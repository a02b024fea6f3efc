package io.streambus.metadata.log;

import io.streambus.metadata.record.MetadataRecord;
import java.util.List;

/**
 * Records committed together, atomically: the i-th record has offset {@code baseOffset + i}.
 */
public record MetadataBatch(long baseOffset, List<MetadataRecord> records) {

    public MetadataBatch {
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a metadata batch holds at least one record");
        }
    }

    public long lastOffset() {
        return baseOffset + records.size() - 1;
    }
}
