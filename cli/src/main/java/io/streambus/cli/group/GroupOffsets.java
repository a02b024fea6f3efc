package io.streambus.cli.group;

import io.streambus.cli.support.CliException;
import io.streambus.cli.support.Clients;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/** Look-ups shared by the group commands: the group, its committed offsets, and log offsets. Stateless. */
final class GroupOffsets {

    private GroupOffsets() {
    }

    /** The group's description; a group the coordinator does not know is an error naming it. */
    static ConsumerGroupDescription describe(Clients clients, String group) {
        ConsumerGroupDescription description = clients.awaitGroup(
                clients.admin().describeConsumerGroups(java.util.List.of(group)).describedGroups().get(group), group);
        if (description.groupState() == GroupState.DEAD) {
            throw new CliException("Group '" + group + "' does not exist");
        }
        return description;
    }

    /** Committed offsets by partition (partitions without a commit are absent). */
    static Map<TopicPartition, Long> committed(Clients clients, String group) {
        Map<TopicPartition, OffsetAndMetadata> offsets = clients.awaitGroup(
                clients.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), group);
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null) {
                committed.put(tp, om.offset());
            }
        });
        return committed;
    }

    /** The offset each partition answers for {@code spec} (-1: no record at or after a timestamp). */
    static Map<TopicPartition, Long> logOffsets(Clients clients, Collection<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, ListOffsetsResultInfo> found = clients.await(clients.admin().listOffsets(request).all());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        found.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }
}
