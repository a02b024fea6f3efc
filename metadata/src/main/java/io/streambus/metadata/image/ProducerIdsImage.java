package io.streambus.metadata.image;

import io.streambus.metadata.record.MetadataRecord;
import io.streambus.metadata.record.ProducerIdsRecord;
import java.util.List;

/**
 * Producer-id allocation state: the start of the next block to hand out.
 *
 * @param lastBrokerId broker that took the last block, -1 if none yet
 */
public record ProducerIdsImage(int lastBrokerId, long nextProducerId) {

    public static final ProducerIdsImage EMPTY = new ProducerIdsImage(-1, 0);

    void toRecords(List<MetadataRecord> out) {
        if (!equals(EMPTY)) {
            out.add(new ProducerIdsRecord(lastBrokerId, nextProducerId));
        }
    }
}
