package io.streambus.metadata.image;

import io.streambus.metadata.record.MetadataRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The whole cluster state at one metadata-log offset. Immutable: safe to share across threads;
 * readers hold on to one image for the length of a request so they see a consistent state.
 *
 * @param offset offset of the last record applied, -1 for the empty image
 */
public record MetadataImage(long offset, ClusterImage cluster, TopicsImage topics, ConfigsImage configs,
                            ProducerIdsImage producerIds) {

    public static final MetadataImage EMPTY = new MetadataImage(-1, ClusterImage.EMPTY, TopicsImage.EMPTY,
            ConfigsImage.EMPTY, ProducerIdsImage.EMPTY);

    public MetadataImage {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(configs, "configs");
        Objects.requireNonNull(producerIds, "producerIds");
    }

    public boolean isEmpty() {
        return offset < 0;
    }

    /**
     * The records that rebuild this image when replayed onto {@link #EMPTY}: the content of a
     * snapshot. Deterministic order: brokers by id, topics by name, configs by resource and key.
     */
    public List<MetadataRecord> toRecords() {
        List<MetadataRecord> out = new ArrayList<>();
        cluster.toRecords(out);
        topics.toRecords(out);
        configs.toRecords(out);
        producerIds.toRecords(out);
        return out;
    }
}
