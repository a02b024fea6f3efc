package io.streambus.metadata.controller;

import org.apache.kafka.common.Uuid;

/**
 * Outcome for one topic of CreateTopics. On success carries the id (zero for validateOnly) and
 * the partition count and replication factor actually used; on failure -1 for both.
 */
public record CreateTopicResult(String name, ApiError error, Uuid topicId, int numPartitions,
                                short replicationFactor) {

    static CreateTopicResult failed(String name, ApiError error) {
        return new CreateTopicResult(name, error, Uuid.ZERO_UUID, -1, (short) -1);
    }
}
