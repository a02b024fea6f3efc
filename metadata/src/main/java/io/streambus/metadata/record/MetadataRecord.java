package io.streambus.metadata.record;

/**
 * One change to cluster state. Cluster state changes only by appending these to the metadata
 * log; the image is the result of replaying them in order. Records are immutable values.
 */
public sealed interface MetadataRecord
        permits RegisterBrokerRecord, TopicRecord, PartitionRecord, PartitionChangeRecord,
                RemoveTopicRecord, ConfigRecord, ProducerIdsRecord, BrokerRegistrationChangeRecord,
                UnregisterBrokerRecord {

    /** The wire type of this record, which fixes its type id and current version. */
    MetadataRecordType type();
}
