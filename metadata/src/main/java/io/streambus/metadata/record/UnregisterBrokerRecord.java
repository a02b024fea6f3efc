package io.streambus.metadata.record;

/**
 * A broker leaves the cluster for good (UnregisterBroker): its registration with this epoch is removed.
 *
 * @param brokerId    the broker's node id
 * @param brokerEpoch the epoch of the registration it removes; a later registration is left alone
 */
public record UnregisterBrokerRecord(int brokerId, long brokerEpoch) implements MetadataRecord {

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.UNREGISTER_BROKER;
    }
}
