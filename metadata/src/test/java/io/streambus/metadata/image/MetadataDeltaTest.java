package io.streambus.metadata.image;

import static io.streambus.metadata.testing.Records.broker;
import static io.streambus.metadata.testing.Records.topic;
import static io.streambus.metadata.testing.Records.topicId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.metadata.record.ConfigRecord;
import io.streambus.metadata.record.ConfigResource;
import io.streambus.metadata.record.ConfigResourceType;
import io.streambus.metadata.record.MetadataRecord;
import io.streambus.metadata.record.PartitionChangeRecord;
import io.streambus.metadata.record.PartitionRecord;
import io.streambus.metadata.record.ProducerIdsRecord;
import io.streambus.metadata.record.RemoveTopicRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class MetadataDeltaTest {

    private static MetadataImage apply(MetadataImage image, List<MetadataRecord> records) {
        MetadataDelta delta = new MetadataDelta(image);
        delta.replay(records);
        return delta.apply(image.offset() + records.size());
    }

    @Test
    void buildsTopicsBrokersConfigsAndProducerIds() {
        List<MetadataRecord> records = new ArrayList<>();
        records.add(broker(1));
        records.addAll(topic("orders", topicId(1), 3));
        records.addAll(topic("__consumer_offsets", topicId(2), 1));
        records.add(new ConfigRecord(ConfigResourceType.TOPIC, "orders", "retention.ms", "1000"));
        records.add(new ProducerIdsRecord(1, 1000));
        MetadataImage image = apply(MetadataImage.EMPTY, records);

        assertThat(image.offset()).isEqualTo(records.size() - 1);
        assertThat(image.cluster().broker(1)).get().extracting(BrokerRegistration::incarnation)
                .isEqualTo(broker(1).incarnation());
        TopicImage orders = image.topics().topic("orders");
        assertThat(orders.id()).isEqualTo(topicId(1));
        assertThat(image.topics().topic(topicId(1))).isSameAs(orders);
        assertThat(orders.numPartitions()).isEqualTo(3);
        assertThat(orders.partition(2)).isEqualTo(new PartitionRegistration(List.of(1), List.of(1), 1, 0, 0));
        assertThat(orders.internal()).isFalse();
        assertThat(image.topics().topic("__consumer_offsets").internal()).isTrue();
        assertThat(image.configs().configs(ConfigResource.topic("orders"))).isEqualTo(Map.of("retention.ms", "1000"));
        assertThat(image.producerIds().nextProducerId()).isEqualTo(1000);
    }

    @Test
    void partitionChangeBumpsEpochs() {
        MetadataImage image = apply(MetadataImage.EMPTY, List.of(
                new io.streambus.metadata.record.TopicRecord("t", topicId(1)),
                new PartitionRecord(topicId(1), 0, List.of(1, 2), List.of(1, 2), 1, 4, 7)));
        MetadataImage isrShrink = apply(image, List.of(
                new PartitionChangeRecord(topicId(1), 0, PartitionChangeRecord.NO_LEADER_CHANGE, List.of(1), null)));
        assertThat(isrShrink.topics().topic("t").partition(0))
                .isEqualTo(new PartitionRegistration(List.of(1, 2), List.of(1), 1, 4, 8));
        MetadataImage newLeader = apply(isrShrink, List.of(
                new PartitionChangeRecord(topicId(1), 0, 2, List.of(2), null)));
        assertThat(newLeader.topics().topic("t").partition(0))
                .isEqualTo(new PartitionRegistration(List.of(1, 2), List.of(2), 2, 5, 9));
    }

    @Test
    void untouchedPartsAreSharedNotCopied() {
        MetadataImage image = apply(MetadataImage.EMPTY, topic("a", topicId(1), 1));
        MetadataImage next = apply(image, List.of(broker(1)));
        assertThat(next.topics()).isSameAs(image.topics());
        assertThat(next.configs()).isSameAs(image.configs());
        MetadataImage withB = apply(next, topic("b", topicId(2), 1));
        assertThat(withB.topics().topic("a")).isSameAs(image.topics().topic("a"));
        assertThat(withB.cluster()).isSameAs(next.cluster());
    }

    @Test
    void removeTopicDropsItsConfigsAndReportsIt() {
        List<MetadataRecord> records = new ArrayList<>(topic("a", topicId(1), 2));
        records.add(new ConfigRecord(ConfigResourceType.TOPIC, "a", "retention.ms", "1"));
        MetadataImage image = apply(MetadataImage.EMPTY, records);
        MetadataDelta delta = new MetadataDelta(image);
        delta.replay(new RemoveTopicRecord(topicId(1)));
        MetadataImage next = delta.apply(10);
        assertThat(delta.topicsDelta().deletedTopics()).containsOnlyKeys(topicId(1));
        assertThat(delta.topicsDelta().deletedTopics().get(topicId(1)).numPartitions()).isEqualTo(2);
        assertThat(next.topics().isEmpty()).isTrue();
        assertThat(next.topics().topic("a")).isNull();
        assertThat(next.configs().resources()).isEmpty();
    }

    @Test
    void deltaReportsCreatedTopicsAndPartitions() {
        MetadataImage image = apply(MetadataImage.EMPTY, topic("a", topicId(1), 1));
        MetadataDelta delta = new MetadataDelta(image);
        delta.replay(new PartitionRecord(topicId(1), 1, List.of(1), List.of(1), 1, 0, 0));
        delta.replay(topic("b", topicId(2), 2));
        assertThat(delta.topicsDelta().changedTopics().get(topicId(1)).isCreated()).isFalse();
        assertThat(delta.topicsDelta().changedTopics().get(topicId(1)).createdPartitions()).containsExactly(1);
        assertThat(delta.topicsDelta().changedTopics().get(topicId(2)).isCreated()).isTrue();
        assertThat(delta.topicsDelta().changedTopics().get(topicId(2)).createdPartitions()).containsExactly(0, 1);
    }

    @Test
    void configNullValueDeletesTheOverride() {
        MetadataImage image = apply(MetadataImage.EMPTY, List.of(
                new ConfigRecord(ConfigResourceType.BROKER, "", "log.retention.ms", "5"),
                new ConfigRecord(ConfigResourceType.BROKER, "", "num.partitions", "3")));
        MetadataImage next = apply(image, List.of(
                new ConfigRecord(ConfigResourceType.BROKER, "", "log.retention.ms", null)));
        assertThat(next.configs().configs(ConfigResource.clusterDefaultBroker()))
                .isEqualTo(Map.of("num.partitions", "3"));
    }

    @Test
    void replayIsDeterministicAndToRecordsRebuildsTheImage() {
        List<MetadataRecord> records = new ArrayList<>();
        records.add(broker(2));
        records.add(broker(1));
        records.addAll(topic("z", topicId(1), 2));
        records.addAll(topic("a", topicId(2), 1));
        records.add(new PartitionChangeRecord(topicId(1), 1, PartitionChangeRecord.NO_LEADER_CHANGE, List.of(), null));
        records.add(new ConfigRecord(ConfigResourceType.TOPIC, "a", "cleanup.policy", "compact"));
        records.add(new ProducerIdsRecord(2, 3000));
        MetadataImage first = apply(MetadataImage.EMPTY, records);
        MetadataImage second = apply(MetadataImage.EMPTY, records);
        assertThat(second).isEqualTo(first);

        MetadataDelta fromSnapshot = MetadataDelta.forSnapshot(MetadataImage.EMPTY);
        fromSnapshot.replay(first.toRecords());
        assertThat(fromSnapshot.apply(first.offset())).isEqualTo(first);
        assertThat(first.toRecords()).isEqualTo(second.toRecords());
    }

    @Test
    void snapshotDeltaReportsWhatTheSnapshotDropped() {
        List<MetadataRecord> records = new ArrayList<>(topic("keep", topicId(1), 1));
        records.addAll(topic("gone", topicId(2), 1));
        MetadataImage image = apply(MetadataImage.EMPTY, records);
        MetadataDelta delta = MetadataDelta.forSnapshot(image);
        delta.replay(topic("keep", topicId(1), 1));
        MetadataImage next = delta.apply(100);
        assertThat(next.topics().byName()).containsOnlyKeys("keep");
        assertThat(delta.topicsDelta().deletedTopics()).containsOnlyKeys(topicId(2));
    }

    @Test
    void recordsForUnknownTopicsAreReplayErrors() {
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        Uuid unknown = topicId(9);
        assertThatThrownBy(() -> delta.replay(new PartitionRecord(unknown, 0, List.of(1), List.of(1), 1, 0, 0)))
                .isInstanceOf(MetadataReplayException.class);
        assertThatThrownBy(() -> delta.replay(new RemoveTopicRecord(unknown)))
                .isInstanceOf(MetadataReplayException.class);
    }
}
