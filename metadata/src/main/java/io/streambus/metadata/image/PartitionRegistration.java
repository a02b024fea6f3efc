package io.streambus.metadata.image;

import io.streambus.metadata.record.PartitionChangeRecord;
import io.streambus.metadata.record.PartitionRecord;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * One partition's replica assignment and leadership. Immutable.
 *
 * @param leader -1 when there is no leader
 */
public record PartitionRegistration(List<Integer> replicas, List<Integer> isr, int leader, int leaderEpoch,
                                    int partitionEpoch) {

    public static final int NO_LEADER = -1;

    public PartitionRegistration {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    static PartitionRegistration from(PartitionRecord record) {
        return new PartitionRegistration(record.replicas(), record.isr(), record.leader(), record.leaderEpoch(),
                record.partitionEpoch());
    }

    /** The registration after a change: partition epoch always +1, leader epoch +1 if the leader changed. */
    PartitionRegistration merge(PartitionChangeRecord change) {
        boolean leaderChanged = change.leader() != PartitionChangeRecord.NO_LEADER_CHANGE && change.leader() != leader;
        return new PartitionRegistration(
                change.replicas() != null ? change.replicas() : replicas,
                change.isr() != null ? change.isr() : isr,
                leaderChanged ? change.leader() : leader,
                leaderChanged ? leaderEpoch + 1 : leaderEpoch,
                partitionEpoch + 1);
    }

    public boolean hasLeader() {
        return leader != NO_LEADER;
    }

    public boolean hasReplica(int brokerId) {
        return replicas.contains(brokerId);
    }

    PartitionRecord toRecord(Uuid topicId, int partition) {
        return new PartitionRecord(topicId, partition, replicas, isr, leader, leaderEpoch, partitionEpoch);
    }
}
