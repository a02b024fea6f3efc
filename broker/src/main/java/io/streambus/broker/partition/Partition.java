package io.streambus.broker.partition;

import io.streambus.storage.PartitionLog;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

/**
 * The broker's view of one partition it hosts: the local log plus the replication state that decides
 * what consumers may see (the high watermark) and who leads.
 *
 * <p>Threading: created and retired by the {@link PartitionManager} on the metadata thread; its
 * methods are called from request handlers on any thread. The log serialises its own mutations.
 */
public final class Partition {

    private final TopicPartition topicPartition;
    private final Uuid topicId;
    private final PartitionLog log;
    private volatile int leaderEpoch;

    public Partition(TopicPartition topicPartition, Uuid topicId, PartitionLog log, int leaderEpoch) {
        this.topicPartition = Objects.requireNonNull(topicPartition, "topicPartition");
        this.topicId = Objects.requireNonNull(topicId, "topicId");
        this.log = Objects.requireNonNull(log, "log");
        this.leaderEpoch = leaderEpoch;
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public Uuid topicId() {
        return topicId;
    }

    public PartitionLog log() {
        return log;
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    void updateLeaderEpoch(int epoch) {
        this.leaderEpoch = epoch;
    }

    @Override
    public String toString() {
        return "Partition " + topicPartition;
    }
}
