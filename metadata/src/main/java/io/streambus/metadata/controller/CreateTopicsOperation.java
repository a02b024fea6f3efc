package io.streambus.metadata.controller;

import io.streambus.metadata.config.ConfigResolver;
import io.streambus.metadata.config.InvalidConfigException;
import io.streambus.metadata.config.ResolvedConfig;
import io.streambus.metadata.config.TopicConfigs;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.record.ConfigRecord;
import io.streambus.metadata.record.ConfigResourceType;
import io.streambus.metadata.record.MetadataRecord;
import io.streambus.metadata.record.PartitionRecord;
import io.streambus.metadata.record.TopicRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;

/**
 * Validates CreateTopics against an image and produces the records of every valid topic; each
 * topic succeeds or fails on its own. Runs on the controller thread.
 */
final class CreateTopicsOperation {

    /** Upper bound per topic, so one request cannot build a metadata batch past the log's limit. */
    static final int MAX_PARTITIONS_PER_TOPIC = 100_000;

    private final MetadataImage image;
    private final ConfigResolver resolver;
    private final Supplier<Uuid> idGenerator;
    private final Map<String, String> collisionKeys = new HashMap<>();
    private final Set<Uuid> newIds = new HashSet<>();

    CreateTopicsOperation(MetadataImage image, ConfigResolver resolver, Supplier<Uuid> idGenerator) {
        this.image = image;
        this.resolver = resolver;
        this.idGenerator = idGenerator;
        for (String name : image.topics().byName().keySet()) {
            if (TopicNames.hasCollisionChars(name)) {
                collisionKeys.put(TopicNames.collisionKey(name), name);
            }
        }
    }

    ControllerResult<List<CreateTopicResult>> run(List<CreatableTopic> topics, boolean validateOnly) {
        Set<String> duplicates = duplicateNames(topics);
        List<MetadataRecord> records = new ArrayList<>();
        List<CreateTopicResult> results = new ArrayList<>(topics.size());
        for (CreatableTopic topic : topics) {
            if (duplicates.contains(topic.name())) {
                results.add(CreateTopicResult.failed(topic.name(), ApiError.of(Errors.INVALID_REQUEST,
                        "Create topics request contains multiple entries for topic " + topic.name())));
                continue;
            }
            results.add(createTopic(topic, validateOnly, records));
        }
        return new ControllerResult<>(validateOnly ? List.of() : records, results);
    }

    private static Set<String> duplicateNames(List<CreatableTopic> topics) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        topics.forEach(t -> {
            if (!seen.add(t.name())) {
                duplicates.add(t.name());
            }
        });
        return duplicates;
    }

    private CreateTopicResult createTopic(CreatableTopic topic, boolean validateOnly, List<MetadataRecord> out) {
        String name = topic.name();
        String invalidName = TopicNames.invalidReason(name);
        if (invalidName != null) {
            return CreateTopicResult.failed(name, ApiError.of(Errors.INVALID_TOPIC_EXCEPTION, invalidName));
        }
        if (image.topics().topic(name) != null) {
            return CreateTopicResult.failed(name, ApiError.of(Errors.TOPIC_ALREADY_EXISTS,
                    "Topic '" + name + "' already exists."));
        }
        if (TopicNames.hasCollisionChars(name)) {
            String existing = collisionKeys.get(TopicNames.collisionKey(name));
            if (existing != null) {
                return CreateTopicResult.failed(name, ApiError.of(Errors.INVALID_TOPIC_EXCEPTION,
                        "Topic '" + name + "' collides with existing topic: " + existing));
            }
        }
        List<List<Integer>> assignment = new ArrayList<>();
        ApiError error = assign(topic, assignment);
        if (error != null) {
            return CreateTopicResult.failed(name, error);
        }
        try {
            TopicConfigs.validate(topic.configs());
        } catch (InvalidConfigException e) {
            return CreateTopicResult.failed(name, ApiError.of(Errors.INVALID_CONFIG, e.getMessage()));
        }
        if (TopicNames.hasCollisionChars(name)) {
            collisionKeys.put(TopicNames.collisionKey(name), name);
        }
        short replicationFactor = (short) assignment.getFirst().size();
        if (validateOnly) {
            return new CreateTopicResult(name, ApiError.NONE, Uuid.ZERO_UUID, assignment.size(), replicationFactor);
        }
        Uuid id = newTopicId();
        out.add(new TopicRecord(name, id));
        for (int p = 0; p < assignment.size(); p++) {
            List<Integer> replicas = assignment.get(p);
            out.add(new PartitionRecord(id, p, replicas, replicas, replicas.getFirst(), 0, 0));
        }
        topic.configs().forEach((key, value) ->
                out.add(new ConfigRecord(ConfigResourceType.TOPIC, name, key, value)));
        return new CreateTopicResult(name, ApiError.NONE, id, assignment.size(), replicationFactor);
    }

    /** Fills in the replicas of every partition; returns an error instead if the request cannot be met. */
    private ApiError assign(CreatableTopic topic, List<List<Integer>> out) {
        if (!topic.assignments().isEmpty()) {
            if (topic.numPartitions() != -1 || topic.replicationFactor() != -1) {
                return ApiError.of(Errors.INVALID_REQUEST, "A manual partition assignment was specified, but "
                        + "numPartitions or replicationFactor was not set to -1.");
            }
            for (int p = 0; p < topic.assignments().size(); p++) {
                List<Integer> replicas = topic.assignments().get(p);
                if (replicas == null) {
                    return ApiError.of(Errors.INVALID_REPLICA_ASSIGNMENT,
                            "Partitions should be numbered consecutively starting at 0; partition " + p + " is missing.");
                }
                ApiError error = ReplicaPlacer.checkAssignment(image.cluster(), p, replicas);
                if (error != null) {
                    return error;
                }
                out.add(replicas);
            }
            return null;
        }
        Map<String, ResolvedConfig> brokerConfigs = resolver.resolveBroker(image);
        int numPartitions = topic.numPartitions() == -1
                ? (Integer) brokerConfigs.get("num.partitions").parsed() : topic.numPartitions();
        int replicationFactor = topic.replicationFactor() == -1
                ? (Integer) brokerConfigs.get("default.replication.factor").parsed() : topic.replicationFactor();
        if (numPartitions <= 0) {
            return ApiError.of(Errors.INVALID_PARTITIONS, "Number of partitions was set to an invalid non-positive value.");
        }
        if (numPartitions > MAX_PARTITIONS_PER_TOPIC) {
            return ApiError.of(Errors.INVALID_PARTITIONS, "Number of partitions " + numPartitions
                    + " exceeds the limit of " + MAX_PARTITIONS_PER_TOPIC + " per topic.");
        }
        if (replicationFactor <= 0) {
            return ApiError.of(Errors.INVALID_REPLICATION_FACTOR,
                    "Replication factor must be larger than 0, or -1 to use the default value.");
        }
        ApiError error = ReplicaPlacer.checkReplicationFactor(image.cluster(), replicationFactor);
        if (error != null) {
            return error;
        }
        // Each topic starts one broker further on, so single-partition topics do not all lead on the same broker.
        int start = image.topics().byName().size();
        for (int p = 0; p < numPartitions; p++) {
            out.add(ReplicaPlacer.place(image.cluster(), start + p, replicationFactor));
        }
        return null;
    }

    private Uuid newTopicId() {
        while (true) {
            Uuid id = idGenerator.get();
            if (!Uuid.RESERVED.contains(id) && image.topics().topic(id) == null && newIds.add(id)) {
                return id;
            }
        }
    }
}
