package io.streambus.metadata.image;

import io.streambus.metadata.record.ConfigRecord;
import io.streambus.metadata.record.ConfigResource;
import io.streambus.metadata.record.MetadataRecord;
import io.streambus.metadata.record.PartitionChangeRecord;
import io.streambus.metadata.record.PartitionRecord;
import io.streambus.metadata.record.ProducerIdsRecord;
import io.streambus.metadata.record.BrokerRegistrationChangeRecord;
import io.streambus.metadata.record.RegisterBrokerRecord;
import io.streambus.metadata.record.UnregisterBrokerRecord;
import io.streambus.metadata.record.RemoveTopicRecord;
import io.streambus.metadata.record.TopicRecord;
import java.util.List;

/**
 * The changes a batch of records makes to an image. {@link #replay} each record in log order,
 * then {@link #apply} to get the next image; parts of the image the records did not touch are
 * shared with the base, not copied. Replay is deterministic: the same records on the same image
 * give an equal image. This is the one replay path for the local log, the Raft state machine
 * and recovery. Not thread-safe: owned by the thread that replays.
 */
public final class MetadataDelta {

    private final MetadataImage base;
    private final ClusterDelta cluster;
    private final TopicsDelta topics;
    private final ConfigsDelta configs;
    private ProducerIdsImage producerIds;

    public MetadataDelta(MetadataImage base) {
        this.base = base;
        this.cluster = new ClusterDelta(base.cluster());
        this.topics = new TopicsDelta(base.topics());
        this.configs = new ConfigsDelta(base.configs());
        this.producerIds = base.producerIds();
    }

    /**
     * A delta that replaces the base with the content of a snapshot: whatever the snapshot's
     * records do not bring back is reported deleted.
     */
    public static MetadataDelta forSnapshot(MetadataImage base) {
        MetadataDelta delta = new MetadataDelta(base);
        delta.cluster.deleteAll();
        delta.topics.deleteAll();
        delta.configs.deleteAll();
        delta.producerIds = ProducerIdsImage.EMPTY;
        return delta;
    }

    public MetadataImage base() {
        return base;
    }

    public ClusterDelta clusterDelta() {
        return cluster;
    }

    public TopicsDelta topicsDelta() {
        return topics;
    }

    public ConfigsDelta configsDelta() {
        return configs;
    }

    public void replay(List<MetadataRecord> records) {
        records.forEach(this::replay);
    }

    public void replay(MetadataRecord record) {
        switch (record) {
            case RegisterBrokerRecord r -> cluster.replay(r);
            case BrokerRegistrationChangeRecord r -> cluster.replay(r);
            case UnregisterBrokerRecord r -> cluster.replay(r);
            case TopicRecord r -> topics.replay(r);
            case PartitionRecord r -> topics.replay(r);
            case PartitionChangeRecord r -> topics.replay(r);
            case RemoveTopicRecord r -> {
                String name = topics.nameOf(r.topicId());
                topics.replay(r);
                configs.clear(ConfigResource.topic(name));
            }
            case ConfigRecord r -> configs.replay(r);
            case ProducerIdsRecord r -> producerIds = new ProducerIdsImage(r.brokerId(), r.nextProducerId());
        }
    }

    /** The image after the replayed records; {@code offset} is the offset of the last one. */
    public MetadataImage apply(long offset) {
        return new MetadataImage(offset, cluster.apply(), topics.apply(), configs.apply(), producerIds);
    }
}
