package io.streambus.metadata.loader;

import static io.streambus.metadata.testing.Records.broker;
import static io.streambus.metadata.testing.Records.topic;
import static io.streambus.metadata.testing.Records.topicId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.metadata.image.MetadataDelta;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.log.LocalMetadataLog;
import io.streambus.metadata.record.RemoveTopicRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataLoaderTest {

    @TempDir
    Path dir;

    /** Remembers created and deleted topic ids, as the broker's partition manager will. */
    private static final class TopicTracker implements MetadataPublisher {
        final List<Uuid> created = new CopyOnWriteArrayList<>();
        final List<Uuid> deleted = new CopyOnWriteArrayList<>();
        final List<Long> offsets = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "tracker";
        }

        @Override
        public void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage) {
            delta.topicsDelta().changedTopics().values().stream().filter(t -> t.isCreated())
                    .forEach(t -> created.add(t.id()));
            deleted.addAll(delta.topicsDelta().deletedTopics().keySet());
            offsets.add(newImage.offset());
        }
    }

    @Test
    void publishesEachCommittedBatchAsDeltaAndImage() {
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            MetadataLoader loader = new MetadataLoader();
            TopicTracker tracker = new TopicTracker();
            loader.addPublisher(tracker);
            log.register(loader).join();
            log.append(topic("a", topicId(1), 2)).join();
            assertThat(loader.current().topics().topic("a").numPartitions()).isEqualTo(2);
            log.append(List.of(new RemoveTopicRecord(topicId(1)))).join();
            assertThat(loader.current().topics().topic("a")).isNull();
            assertThat(loader.current().offset()).isEqualTo(3);
            assertThat(tracker.created).containsExactly(topicId(1));
            assertThat(tracker.deleted).containsExactly(topicId(1));
            assertThat(tracker.offsets).containsExactly(2L, 3L);
        }
    }

    @Test
    void latePublisherIsCaughtUpWithTheCurrentImage() {
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            MetadataLoader loader = new MetadataLoader();
            log.register(loader).join();
            log.append(topic("a", topicId(1), 1)).join();
            TopicTracker tracker = new TopicTracker();
            loader.addPublisher(tracker);
            assertThat(tracker.created).containsExactly(topicId(1));
        }
    }

    @Test
    void snapshotterSnapshotsAndARestartRebuildsTheSameImage() throws IOException {
        MetadataImage before;
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            MetadataLoader loader = new MetadataLoader();
            loader.addPublisher(new MetadataSnapshotter(log, 5));
            log.register(loader).join();
            log.append(List.of(broker(1))).join();
            for (int i = 0; i < 4; i++) {
                log.append(topic("t" + i, topicId(i), 1)).join();
            }
            log.append(List.of(new RemoveTopicRecord(topicId(0)))).join();
            before = loader.current();
            await().atMost(5, TimeUnit.SECONDS).until(() -> snapshotCount() >= 1);
        }
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            MetadataLoader loader = new MetadataLoader();
            TopicTracker tracker = new TopicTracker();
            loader.addPublisher(tracker);
            log.register(loader).join();
            assertThat(loader.current()).isEqualTo(before);
            List<Uuid> live = new java.util.ArrayList<>(tracker.created);
            live.removeAll(tracker.deleted);
            assertThat(live).containsExactlyInAnyOrder(topicId(1), topicId(2), topicId(3));
            // Started from the snapshot, not from offset 0.
            assertThat(tracker.offsets.getFirst()).isGreaterThan(0L);
        }
    }

    private long snapshotCount() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("snapshot-")
                    && !f.getFileName().toString().endsWith(".tmp")).count();
        }
    }
}
