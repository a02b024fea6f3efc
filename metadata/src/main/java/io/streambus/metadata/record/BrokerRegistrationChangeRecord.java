package io.streambus.metadata.record;

/**
 * A registered broker is fenced, unfenced or enters controlled shutdown (KRaft's record of the same name).
 * Applies only to the registration with this epoch: a change meant for an earlier incarnation is ignored.
 *
 * @param brokerId             the broker's node id
 * @param brokerEpoch          the epoch of the registration it changes
 * @param fenced               the new fenced state, or null if unchanged
 * @param inControlledShutdown the new controlled-shutdown state, or null if unchanged
 */
public record BrokerRegistrationChangeRecord(int brokerId, long brokerEpoch, Boolean fenced,
                                             Boolean inControlledShutdown) implements MetadataRecord {

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.BROKER_REGISTRATION_CHANGE;
    }
}
