package io.streambus.metadata.loader;

import io.streambus.metadata.image.MetadataDelta;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.log.MetadataBatch;
import io.streambus.metadata.log.MetadataLogListener;
import io.streambus.metadata.log.MetadataSnapshot;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the committed metadata log into images: applies each snapshot or batch through a
 * {@link MetadataDelta}, publishes the new image, then tells the {@link MetadataPublisher}s.
 *
 * <p>Threading: {@link #onSnapshot} and {@link #onCommit} run on the log's thread, the only
 * writer of the image. {@link #current()} is a lock-free volatile read from any thread.
 * Publishers may be added from any thread; a publisher added late first receives the current
 * image as a delta from the empty image, on the adding thread.
 */
public final class MetadataLoader implements MetadataLogListener {

    private static final Logger log = LoggerFactory.getLogger(MetadataLoader.class);

    private final List<MetadataPublisher> publishers = new CopyOnWriteArrayList<>();
    private volatile MetadataImage current = MetadataImage.EMPTY;

    /** The latest published image. Hold on to it for the length of a request. */
    public MetadataImage current() {
        return current;
    }

    /**
     * Adds a publisher. To catch it up it first receives the current image as one delta from
     * {@link MetadataImage#EMPTY}. Add publishers before registering the loader with the log
     * when a publisher must see every update on the log thread.
     */
    public void addPublisher(MetadataPublisher publisher) {
        publishers.add(publisher);
        MetadataImage image = current;
        if (!image.isEmpty()) {
            MetadataDelta catchUp = new MetadataDelta(MetadataImage.EMPTY);
            catchUp.replay(image.toRecords());
            publish(publisher, catchUp, image);
        }
    }

    public void removePublisher(MetadataPublisher publisher) {
        publishers.remove(publisher);
    }

    @Override
    public void onSnapshot(MetadataSnapshot snapshot) {
        MetadataDelta delta = MetadataDelta.forSnapshot(current);
        delta.replay(snapshot.records());
        log.info("[MetadataLoader] Loaded snapshot at offset {} ({} records)", snapshot.lastOffset(),
                snapshot.records().size());
        publishAll(delta, delta.apply(snapshot.lastOffset()));
    }

    @Override
    public void onCommit(MetadataBatch batch) {
        MetadataDelta delta = new MetadataDelta(current);
        delta.replay(batch.records());
        publishAll(delta, delta.apply(batch.lastOffset()));
    }

    private void publishAll(MetadataDelta delta, MetadataImage image) {
        current = image;
        for (MetadataPublisher publisher : publishers) {
            publish(publisher, delta, image);
        }
    }

    private static void publish(MetadataPublisher publisher, MetadataDelta delta, MetadataImage image) {
        try {
            publisher.onMetadataUpdate(delta, image);
        } catch (RuntimeException e) {
            // A failing publisher must not stop the others or the image from advancing.
            log.error("[MetadataLoader] Publisher {} failed at offset {}", publisher.name(), image.offset(), e);
        }
    }
}
