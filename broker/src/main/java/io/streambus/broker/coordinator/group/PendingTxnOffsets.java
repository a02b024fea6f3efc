package io.streambus.broker.coordinator.group;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets committed inside transactions (TxnOffsetCommit) that are not decided yet, per producer id. They
 * are in the log as transactional batches; the commit marker makes them the group's committed offsets,
 * the abort marker drops them. Until then OffsetFetch with requireStable answers UNSTABLE_OFFSET_COMMIT
 * for the partitions they touch.
 *
 * <p>Threading: the shard's thread.
 */
final class PendingTxnOffsets {

    private final Map<Long, List<GroupRecord.OffsetCommit>> byProducer = new HashMap<>();

    void add(long producerId, GroupRecord.OffsetCommit commit) {
        byProducer.computeIfAbsent(producerId, id -> new ArrayList<>()).add(commit);
    }

    /** Ends the producer's transaction: the offsets to apply (in log order) on commit, none on abort. */
    List<GroupRecord.OffsetCommit> complete(long producerId, boolean commit) {
        List<GroupRecord.OffsetCommit> pending = byProducer.remove(producerId);
        return pending == null || !commit ? List.of() : pending;
    }

    /** Whether an undecided transaction holds an offset of {@code groupId} for {@code topicPartition}. */
    boolean isPending(String groupId, TopicPartition topicPartition) {
        for (List<GroupRecord.OffsetCommit> commits : byProducer.values()) {
            for (GroupRecord.OffsetCommit commit : commits) {
                if (commit.groupId().equals(groupId) && commit.topicPartition().equals(topicPartition)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether an undecided transaction holds any offset of {@code groupId}. */
    boolean hasPending(String groupId) {
        for (List<GroupRecord.OffsetCommit> commits : byProducer.values()) {
            for (GroupRecord.OffsetCommit commit : commits) {
                if (commit.groupId().equals(groupId)) {
                    return true;
                }
            }
        }
        return false;
    }

    void clear() {
        byProducer.clear();
    }
}
