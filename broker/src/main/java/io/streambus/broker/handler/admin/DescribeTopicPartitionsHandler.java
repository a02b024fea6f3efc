package io.streambus.broker.handler.admin;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.metadata.controller.TopicNames;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.image.PartitionRegistration;
import io.streambus.metadata.image.TopicImage;
import io.streambus.metadata.loader.MetadataLoader;
import io.streambus.storage.LogId;
import io.streambus.storage.LogManager;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData.TopicRequest;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.Cursor;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponsePartition;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * DescribeTopicPartitions v0 (KIP-966), what Kafka 4's Admin {@code describeTopics} and kafka-topics use:
 * the requested topics (all topics when the list is empty) in name order, with their partitions, read from
 * one metadata image and paged by partition count. A page holds at most {@code responsePartitionLimit}
 * partitions, capped at Kafka's {@code max.request.partition.size.limit} default of 2000 and at least 1;
 * the request's cursor (topic, partition) says where a page starts, and the response's {@code nextCursor}
 * where the next one would. A topic cut by the limit ends the page; when the limit is used up exactly, the
 * cursor points at partition 0 of the next name. Topics before the cursor's topic are left out; the cursor's
 * topic must be among the topics described and its partition must not be negative (INVALID_REQUEST).
 * Requested names that do not exist get UNKNOWN_TOPIC_OR_PARTITION (illegal ones INVALID_TOPIC_EXCEPTION)
 * and use none of the limit. StreamBus has no eligible leader replicas (KIP-966 ELR is off): both ELR lists
 * are empty, as in Kafka with the feature off. Stateless; runs on the event loop.
 */
public final class DescribeTopicPartitionsHandler
        implements ApiHandler<DescribeTopicPartitionsRequestData, DescribeTopicPartitionsResponseData> {

    /** Kafka's {@code max.request.partition.size.limit} default: no page is larger, whatever is asked. */
    static final int MAX_PARTITIONS_PER_RESPONSE = 2000;

    private final MetadataLoader metadata;
    private final OfflineReplicas offlineReplicas;

    public DescribeTopicPartitionsHandler(int nodeId, MetadataLoader metadata, LogManager logs) {
        this.metadata = metadata;
        this.offlineReplicas = new OfflineReplicas(nodeId, logs);
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_TOPIC_PARTITIONS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 0;
    }

    @Override
    public CompletionStage<DescribeTopicPartitionsResponseData> handle(RequestContext context,
                                                                       DescribeTopicPartitionsRequestData request) {
        MetadataImage image = metadata.current();
        boolean allTopics = request.topics().isEmpty();
        DescribeTopicPartitionsRequestData.Cursor cursor = request.cursor();
        String cursorTopic = cursor == null ? "" : cursor.topicName();
        SortedSet<String> names = new TreeSet<>();
        if (allTopics) {
            names.addAll(image.topics().byName().tailMap(cursorTopic).keySet());
        } else {
            for (TopicRequest topic : request.topics()) {
                if (topic.name().compareTo(cursorTopic) >= 0) {
                    names.add(topic.name());
                }
            }
        }
        if (cursor != null) {
            if (cursor.partitionIndex() < 0) {
                throw new InvalidRequestException("DescribeTopicPartitions cursor partition must not be negative: "
                        + cursor.partitionIndex());
            }
            if (!names.contains(cursorTopic)) {
                throw new InvalidRequestException("DescribeTopicPartitions cursor topic " + cursorTopic
                        + " is not among the topics described");
            }
        }
        int limit = Math.max(1, Math.min(MAX_PARTITIONS_PER_RESPONSE, request.responsePartitionLimit()));
        PageStart start = new PageStart(cursorTopic, cursor == null ? 0 : cursor.partitionIndex());
        return CompletableFuture.completedFuture(page(image, context.listenerName(), names, allTopics, start, limit));
    }

    private record PageStart(String topic, int partition) {
        int firstPartition(String name) {
            return name.equals(topic) ? partition : 0;
        }
    }

    private DescribeTopicPartitionsResponseData page(MetadataImage image, String listener, SortedSet<String> names,
                                                     boolean allTopics, PageStart start, int limit) {
        DescribeTopicPartitionsResponseData response = new DescribeTopicPartitionsResponseData();
        Set<LogId> offlineLogs = offlineReplicas.offlineLogs();
        int remaining = limit;
        for (String name : names) {
            if (remaining == 0) {
                return response.setNextCursor(new Cursor().setTopicName(name).setPartitionIndex(0));
            }
            TopicImage topic = image.topics().topic(name);
            if (topic == null) {
                if (!allTopics) {
                    response.topics().add(missing(name));
                }
                continue;
            }
            int first = start.firstPartition(name);
            int end = (int) Math.min(topic.numPartitions(), (long) first + remaining);
            DescribeTopicPartitionsResponseTopic described = described(topic);
            for (int index = first; index < end; index++) {
                described.partitions().add(partition(topic.name(), index, topic.partition(index), image, listener,
                        offlineLogs));
            }
            response.topics().add(described);
            if (end < topic.numPartitions()) {
                return response.setNextCursor(new Cursor().setTopicName(name).setPartitionIndex(end));
            }
            remaining -= Math.max(0, end - first);
        }
        return response;
    }

    private static DescribeTopicPartitionsResponseTopic described(TopicImage topic) {
        return new DescribeTopicPartitionsResponseTopic()
                .setErrorCode(Errors.NONE.code())
                .setName(topic.name())
                .setTopicId(topic.id())
                .setIsInternal(topic.internal())
                .setTopicAuthorizedOperations(AuthorizedOperations.TOPIC);
    }

    private static DescribeTopicPartitionsResponseTopic missing(String name) {
        Errors error = TopicNames.invalidReason(name) != null
                ? Errors.INVALID_TOPIC_EXCEPTION : Errors.UNKNOWN_TOPIC_OR_PARTITION;
        return new DescribeTopicPartitionsResponseTopic()
                .setErrorCode(error.code())
                .setName(name)
                .setTopicId(Uuid.ZERO_UUID)
                .setIsInternal(TopicImage.isInternal(name))
                .setTopicAuthorizedOperations(AuthorizedOperations.TOPIC);
    }

    private DescribeTopicPartitionsResponsePartition partition(String topic, int index,
                                                               PartitionRegistration registration,
                                                               MetadataImage image, String listener,
                                                               Set<LogId> offlineLogs) {
        // As Kafka: a leader that is not registered or has no endpoint on the client's listener is reported as
        // none (-1), without a partition error; the epoch is still the registration's.
        boolean leaderReachable = registration.hasLeader() && image.cluster().broker(registration.leader())
                .flatMap(broker -> broker.endpoint(listener)).isPresent();
        return new DescribeTopicPartitionsResponsePartition()
                .setErrorCode(Errors.NONE.code())
                .setPartitionIndex(index)
                .setLeaderId(leaderReachable ? registration.leader() : PartitionRegistration.NO_LEADER)
                .setLeaderEpoch(registration.leaderEpoch())
                .setReplicaNodes(registration.replicas())
                .setIsrNodes(registration.isr())
                .setEligibleLeaderReplicas(List.of())
                .setLastKnownElr(List.of())
                .setOfflineReplicas(offlineReplicas.of(topic, index, registration, image, offlineLogs));
    }
}
