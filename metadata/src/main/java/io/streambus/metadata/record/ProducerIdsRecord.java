package io.streambus.metadata.record;

/**
 * A block of producer ids was handed to a broker.
 *
 * @param brokerId       the broker that received the block
 * @param nextProducerId start of the next block to hand out (one past the end of this one)
 */
public record ProducerIdsRecord(int brokerId, long nextProducerId) implements MetadataRecord {

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.PRODUCER_IDS;
    }
}
