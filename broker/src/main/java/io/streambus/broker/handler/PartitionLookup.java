package io.streambus.broker.handler;

import io.streambus.broker.api.BrokerException;
import io.streambus.broker.partition.Partition;
import io.streambus.broker.partition.ReplicaManager;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.image.PartitionRegistration;
import io.streambus.metadata.image.TopicImage;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;

/**
 * Finds the hosted partition a data-path request names, by topic name or (newer versions) topic id, and
 * checks the leader epoch a client sent. Failures are {@link BrokerException}s with Kafka's error for the
 * case. Stateless; thread-safe.
 */
public final class PartitionLookup {

    private final Supplier<MetadataImage> image;
    private final ReplicaManager replicas;

    public PartitionLookup(Supplier<MetadataImage> image, ReplicaManager replicas) {
        this.image = image;
        this.replicas = replicas;
    }

    public ReplicaManager replicas() {
        return replicas;
    }

    /** The topic name for an id, or UNKNOWN_TOPIC_ID. */
    public String topicName(Uuid topicId) {
        TopicImage topic = image.get().topics().topic(topicId);
        if (topic == null) {
            throw new BrokerException(Errors.UNKNOWN_TOPIC_ID, "Unknown topic id " + topicId);
        }
        return topic.name();
    }

    /**
     * The hosted partition. One the cluster has but this broker does not host gets NOT_LEADER_OR_FOLLOWER,
     * as from Kafka: the client refreshes its metadata and goes to the leader, where UNKNOWN_TOPIC_OR_PARTITION
     * would only tell it the partition does not exist (a wrong answer, and a slower one for the client).
     */
    public Partition partition(String topic, int index) {
        TopicPartition topicPartition = new TopicPartition(topic, index);
        return replicas.partition(topicPartition).orElseThrow(() -> notHosted(topicPartition));
    }

    private BrokerException notHosted(TopicPartition topicPartition) {
        TopicImage topic = image.get().topics().topic(topicPartition.topic());
        PartitionRegistration registration = topic == null ? null : topic.partition(topicPartition.partition());
        if (registration == null) {
            return new BrokerException(Errors.UNKNOWN_TOPIC_OR_PARTITION, "This server does not host " + topicPartition);
        }
        return new BrokerException(Errors.NOT_LEADER_OR_FOLLOWER, "This server is not the leader for " + topicPartition
                + (registration.hasLeader() ? "; broker " + registration.leader() + " is" : "; it has no leader now"));
    }

    /**
     * Kafka's fencing check (KIP-320): a client with an older epoch than the leader's gets
     * FENCED_LEADER_EPOCH, one with a newer epoch UNKNOWN_LEADER_EPOCH (this broker has not caught up).
     * -1 means the client does not know.
     */
    public static void checkLeaderEpoch(Partition partition, int currentLeaderEpoch) {
        if (currentLeaderEpoch < 0 || currentLeaderEpoch == partition.leaderEpoch()) {
            return;
        }
        if (currentLeaderEpoch < partition.leaderEpoch()) {
            throw new BrokerException(Errors.FENCED_LEADER_EPOCH, "Leader epoch " + currentLeaderEpoch
                    + " is older than " + partition.leaderEpoch() + " for " + partition.topicPartition());
        }
        throw new BrokerException(Errors.UNKNOWN_LEADER_EPOCH, "Leader epoch " + currentLeaderEpoch
                + " is newer than " + partition.leaderEpoch() + " for " + partition.topicPartition());
    }
}
