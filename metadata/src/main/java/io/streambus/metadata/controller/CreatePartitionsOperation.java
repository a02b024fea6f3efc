package io.streambus.metadata.controller;

import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.image.TopicImage;
import io.streambus.metadata.record.MetadataRecord;
import io.streambus.metadata.record.PartitionRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.protocol.Errors;

/** CreatePartitions against an image; each topic succeeds or fails on its own. Runs on the controller thread. */
final class CreatePartitionsOperation {

    private final MetadataImage image;

    CreatePartitionsOperation(MetadataImage image) {
        this.image = image;
    }

    ControllerResult<List<CreatePartitionsResult>> run(List<PartitionsIncrease> increases, boolean validateOnly) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        increases.forEach(i -> {
            if (!seen.add(i.topic())) {
                duplicates.add(i.topic());
            }
        });
        List<MetadataRecord> records = new ArrayList<>();
        List<CreatePartitionsResult> results = new ArrayList<>();
        for (PartitionsIncrease increase : increases) {
            ApiError error = duplicates.contains(increase.topic())
                    ? ApiError.of(Errors.INVALID_REQUEST, "Duplicate topic in request: " + increase.topic())
                    : increase(increase, records);
            results.add(new CreatePartitionsResult(increase.topic(), error));
        }
        return new ControllerResult<>(validateOnly ? List.of() : records, results);
    }

    private ApiError increase(PartitionsIncrease increase, List<MetadataRecord> out) {
        TopicImage topic = image.topics().topic(increase.topic());
        if (topic == null) {
            return ApiError.of(Errors.UNKNOWN_TOPIC_OR_PARTITION, "Topic '" + increase.topic() + "' does not exist.");
        }
        int current = topic.numPartitions();
        if (increase.totalCount() == current) {
            return ApiError.of(Errors.INVALID_PARTITIONS, "Topic already has " + current + " partition(s).");
        }
        if (increase.totalCount() < current) {
            return ApiError.of(Errors.INVALID_PARTITIONS, "The topic " + topic.name() + " currently has " + current
                    + " partition(s); " + increase.totalCount() + " would not be an increase.");
        }
        int added = increase.totalCount() - current;
        if (increase.totalCount() > CreateTopicsOperation.MAX_PARTITIONS_PER_TOPIC) {
            return ApiError.of(Errors.INVALID_PARTITIONS, "Number of partitions " + increase.totalCount()
                    + " exceeds the limit of " + CreateTopicsOperation.MAX_PARTITIONS_PER_TOPIC + " per topic.");
        }
        List<List<Integer>> assignment = new ArrayList<>(added);
        if (!increase.assignments().isEmpty()) {
            if (increase.assignments().size() != added) {
                return ApiError.of(Errors.INVALID_REPLICA_ASSIGNMENT, "Attempted to add " + added
                        + " additional partition(s), but only " + increase.assignments().size()
                        + " assignment(s) were specified.");
            }
            for (int i = 0; i < added; i++) {
                ApiError error = ReplicaPlacer.checkAssignment(image.cluster(), current + i,
                        increase.assignments().get(i));
                if (error != null) {
                    return error;
                }
                assignment.add(increase.assignments().get(i));
            }
        } else {
            int replicationFactor = topic.partition(topic.partitions().firstKey()).replicas().size();
            ApiError error = ReplicaPlacer.checkReplicationFactor(image.cluster(), replicationFactor);
            if (error != null) {
                return error;
            }
            for (int i = 0; i < added; i++) {
                assignment.add(ReplicaPlacer.place(image.cluster(), current + i, replicationFactor));
            }
        }
        for (int i = 0; i < added; i++) {
            List<Integer> replicas = assignment.get(i);
            out.add(new PartitionRecord(topic.id(), current + i, replicas, replicas, replicas.getFirst(), 0, 0));
        }
        return ApiError.NONE;
    }
}
