package io.streambus.broker.coordinator.group;

import io.streambus.broker.partition.PartitionManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag per group and partition: the committed offset against the partition's high watermark. For
 * the CLI and the console.
 *
 * <p>Threading: thread-safe; completes on the group's coordinator thread.
 */
public final class GroupLag {

    /**
     * One partition's lag.
     *
     * @param committedOffset the group's committed offset
     * @param highWatermark   the partition's high watermark, or -1 if this broker does not host it
     * @param lag             {@code highWatermark - committedOffset} (never negative), or -1 if unknown
     */
    public record PartitionLag(TopicPartition topicPartition, long committedOffset, long highWatermark, long lag) {
    }

    private final GroupCoordinatorService coordinator;
    private final PartitionManager partitions;

    public GroupLag(GroupCoordinatorService coordinator, PartitionManager partitions) {
        this.coordinator = coordinator;
        this.partitions = partitions;
    }

    /** The lag of every partition {@code groupId} has committed an offset for, ordered by topic and partition. */
    public CompletableFuture<List<PartitionLag>> lag(String groupId) {
        return coordinator.committedOffsets(groupId).thenApply(offsets -> {
            List<PartitionLag> result = new ArrayList<>(offsets.size());
            offsets.forEach((tp, committed) -> {
                long highWatermark = partitions.partition(tp).map(p -> p.highWatermark()).orElse(-1L);
                long lag = highWatermark < 0 ? -1 : Math.max(0, highWatermark - committed.offset());
                result.add(new PartitionLag(tp, committed.offset(), highWatermark, lag));
            });
            result.sort(Comparator.comparing((PartitionLag l) -> l.topicPartition().topic())
                    .thenComparingInt(l -> l.topicPartition().partition()));
            return result;
        });
    }
}
