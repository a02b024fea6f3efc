package io.streambus.broker.coordinator.group;

import io.streambus.broker.api.BrokerException;
import io.streambus.broker.purgatory.TimerTask;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.image.TopicImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.RecordBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Committed offsets: OffsetCommit (group members and simple commits with generation -1), OffsetFetch,
 * OffsetDelete, and the expiry of offsets of groups that stayed empty for {@code offsets.retention.minutes}.
 *
 * <p>Threading: the shard's thread.
 */
final class OffsetOperations {

    private static final Logger log = LoggerFactory.getLogger(OffsetOperations.class);

    private final GroupCoordinatorShard shard;
    private TimerTask expiryTimer;

    OffsetOperations(GroupCoordinatorShard shard) {
        this.shard = shard;
    }

    CompletableFuture<OffsetCommitResponseData> commit(OffsetCommitRequestData request) {
        Errors groupError = validateCommit(request);
        OffsetCommitResponseData response = new OffsetCommitResponseData();
        List<GroupRecord> records = new ArrayList<>();
        List<OffsetCommitResponseData.OffsetCommitResponsePartition> written = new ArrayList<>();
        MetadataImage image = shard.metadata();
        long nowMs = shard.time().milliseconds();
        for (OffsetCommitRequestData.OffsetCommitRequestTopic topic : request.topics()) {
            OffsetCommitResponseData.OffsetCommitResponseTopic topicResponse =
                    new OffsetCommitResponseData.OffsetCommitResponseTopic().setName(topic.name());
            response.topics().add(topicResponse);
            TopicImage topicImage = image.topics().topic(topic.name());
            for (OffsetCommitRequestData.OffsetCommitRequestPartition partition : topic.partitions()) {
                OffsetCommitResponseData.OffsetCommitResponsePartition partitionResponse =
                        new OffsetCommitResponseData.OffsetCommitResponsePartition()
                                .setPartitionIndex(partition.partitionIndex());
                topicResponse.partitions().add(partitionResponse);
                Errors error = groupError;
                if (error == Errors.NONE) {
                    error = validatePartition(topicImage, partition);
                }
                partitionResponse.setErrorCode(error.code());
                if (error == Errors.NONE) {
                    records.add(commitRecord(request.groupId(), topic.name(), partition.partitionIndex(),
                            partition.committedOffset(), partition.committedLeaderEpoch(),
                            partition.committedMetadata(), nowMs));
                    written.add(partitionResponse);
                }
            }
        }
        return shard.write(records).handle((ignored, failure) -> {
            if (failure != null) {
                failWritten(failure, written, (p, code) -> p.setErrorCode(code));
            }
            return response;
        });
    }

    /**
     * TxnOffsetCommit: the offsets are written as a transactional batch of the producer and stay pending
     * until its transaction's marker; the transaction coordinator has verified the producer's transaction
     * includes this partition.
     */
    CompletableFuture<TxnOffsetCommitResponseData> commitTransactional(TxnOffsetCommitRequestData request) {
        Errors groupError = validateCommit(new OffsetCommitRequestData().setGroupId(request.groupId())
                .setGenerationIdOrMemberEpoch(request.generationId()).setMemberId(request.memberId())
                .setGroupInstanceId(request.groupInstanceId()));
        TxnOffsetCommitResponseData response = new TxnOffsetCommitResponseData();
        List<GroupRecord.OffsetCommit> records = new ArrayList<>();
        List<TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition> written = new ArrayList<>();
        MetadataImage image = shard.metadata();
        long nowMs = shard.time().milliseconds();
        for (TxnOffsetCommitRequestData.TxnOffsetCommitRequestTopic topic : request.topics()) {
            TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic topicResponse =
                    new TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic().setName(topic.name());
            response.topics().add(topicResponse);
            TopicImage topicImage = image.topics().topic(topic.name());
            for (TxnOffsetCommitRequestData.TxnOffsetCommitRequestPartition partition : topic.partitions()) {
                TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition partitionResponse =
                        new TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition()
                                .setPartitionIndex(partition.partitionIndex());
                topicResponse.partitions().add(partitionResponse);
                Errors error = groupError;
                if (error == Errors.NONE) {
                    error = validatePartition(topicImage, new OffsetCommitRequestData.OffsetCommitRequestPartition()
                            .setPartitionIndex(partition.partitionIndex())
                            .setCommittedMetadata(partition.committedMetadata()));
                }
                partitionResponse.setErrorCode(error.code());
                if (error == Errors.NONE) {
                    records.add(commitRecord(request.groupId(), topic.name(), partition.partitionIndex(),
                            partition.committedOffset(), partition.committedLeaderEpoch(),
                            partition.committedMetadata(), nowMs));
                    written.add(partitionResponse);
                }
            }
        }
        return shard.writeTransactional(records, request.producerId(), request.producerEpoch())
                .handle((ignored, failure) -> {
                    if (failure != null) {
                        failWritten(failure, written, (p, code) -> p.setErrorCode(code));
                    }
                    return response;
                });
    }

    /** The record committing one partition's offset; null metadata is stored as "". */
    private static GroupRecord.OffsetCommit commitRecord(String groupId, String topic, int partition, long offset,
                                                         int leaderEpoch, String metadata, long nowMs) {
        return new GroupRecord.OffsetCommit(groupId, new TopicPartition(topic, partition),
                new OffsetAndMetadata(offset, leaderEpoch, metadata == null ? "" : metadata, nowMs));
    }

    /**
     * A failed write fails the partitions it carried, with its BrokerException's error or
     * COORDINATOR_NOT_AVAILABLE.
     */
    private static <P> void failWritten(Throwable failure, List<P> written, BiConsumer<P, Short> setErrorCode) {
        short code = failure instanceof BrokerException b ? b.error().code() : Errors.COORDINATOR_NOT_AVAILABLE.code();
        written.forEach(p -> setErrorCode.accept(p, code));
    }

    private Errors validateCommit(OffsetCommitRequestData request) {
        Group group = shard.group(request.groupId());
        int generation = request.generationIdOrMemberEpoch();
        String memberId = request.memberId() == null ? "" : request.memberId();
        if (group == null) {
            // Unknown groups accept only simple commits (assign-mode consumers, admin tools): they create the group.
            return generation < 0 && memberId.isEmpty() ? Errors.NONE : Errors.ILLEGAL_GENERATION;
        }
        if (generation < 0 && memberId.isEmpty() && group.hasNoMembers()) {
            return Errors.NONE;
        }
        if (group.consumer != null && !group.consumer.members.isEmpty()) {
            ConsumerMember consumerMember = group.consumer.members.get(memberId);
            if (consumerMember == null) {
                return Errors.UNKNOWN_MEMBER_ID;
            }
            if (generation != consumerMember.memberEpoch) {
                return generation < consumerMember.memberEpoch ? Errors.STALE_MEMBER_EPOCH : Errors.FENCED_MEMBER_EPOCH;
            }
            return Errors.NONE;
        }
        ClassicMember member = group.members.get(memberId);
        if (member == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (request.groupInstanceId() != null
                && !memberId.equals(group.staticMembers.get(request.groupInstanceId()))) {
            return Errors.FENCED_INSTANCE_ID;
        }
        if (generation != group.generationId) {
            return Errors.ILLEGAL_GENERATION;
        }
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            return Errors.REBALANCE_IN_PROGRESS;
        }
        // A commit proves the member alive (Kafka does the same).
        shard.classic.membership.resetSessionTimer(group, member);
        return Errors.NONE;
    }

    private Errors validatePartition(TopicImage topic, OffsetCommitRequestData.OffsetCommitRequestPartition partition) {
        if (topic == null || topic.partition(partition.partitionIndex()) == null) {
            return Errors.UNKNOWN_TOPIC_OR_PARTITION;
        }
        String metadata = partition.committedMetadata();
        if (metadata != null && metadata.length() > shard.config().offsetMetadataMaxBytes()) {
            return Errors.OFFSET_METADATA_TOO_LARGE;
        }
        return Errors.NONE;
    }

    /** The group's committed offsets for the requested topics ({@code topics} null: all of them). */
    OffsetFetchResponseData.OffsetFetchResponseGroup fetch(String groupId,
                                                            List<OffsetFetchRequestData.OffsetFetchRequestTopics> topics) {
        return fetch(groupId, topics, false);
    }

    /**
     * The group's committed offsets; with {@code requireStable}, a partition with an offset in an undecided
     * transaction answers UNSTABLE_OFFSET_COMMIT (the client retries until the transaction ends).
     */
    OffsetFetchResponseData.OffsetFetchResponseGroup fetch(String groupId,
                                                            List<OffsetFetchRequestData.OffsetFetchRequestTopics> topics,
                                                            boolean requireStable) {
        OffsetFetchResponseData.OffsetFetchResponseGroup response = fetchCommitted(groupId, topics);
        if (requireStable && shard.pendingTxnOffsets.hasPending(groupId)) {
            for (OffsetFetchResponseData.OffsetFetchResponseTopics topic : response.topics()) {
                for (OffsetFetchResponseData.OffsetFetchResponsePartitions partition : topic.partitions()) {
                    if (topics == null || shard.pendingTxnOffsets.isPending(groupId,
                            new TopicPartition(topic.name(), partition.partitionIndex()))) {
                        partition.setErrorCode(Errors.UNSTABLE_OFFSET_COMMIT.code()).setCommittedOffset(-1);
                    }
                }
            }
        }
        return response;
    }

    private OffsetFetchResponseData.OffsetFetchResponseGroup fetchCommitted(
            String groupId, List<OffsetFetchRequestData.OffsetFetchRequestTopics> topics) {
        Group group = shard.group(groupId);
        Map<TopicPartition, OffsetAndMetadata> offsets = group == null ? Map.of() : group.offsets;
        OffsetFetchResponseData.OffsetFetchResponseGroup response =
                new OffsetFetchResponseData.OffsetFetchResponseGroup().setGroupId(groupId);
        Map<String, OffsetFetchResponseData.OffsetFetchResponseTopics> byTopic = new HashMap<>();
        if (topics == null) {
            offsets.forEach((tp, offset) -> topicEntry(response, byTopic, tp.topic()).partitions()
                    .add(partitionEntry(tp.partition(), offset)));
        } else {
            for (OffsetFetchRequestData.OffsetFetchRequestTopics topic : topics) {
                OffsetFetchResponseData.OffsetFetchResponseTopics entry = topicEntry(response, byTopic, topic.name());
                for (int partition : topic.partitionIndexes()) {
                    entry.partitions().add(partitionEntry(partition,
                            offsets.get(new TopicPartition(topic.name(), partition))));
                }
            }
        }
        return response;
    }

    /** Committed offsets of a group, a copy, for lag reporting. */
    Map<TopicPartition, OffsetAndMetadata> committed(String groupId) {
        Group group = shard.group(groupId);
        return group == null ? Map.of() : Map.copyOf(group.offsets);
    }

    private static OffsetFetchResponseData.OffsetFetchResponseTopics topicEntry(
            OffsetFetchResponseData.OffsetFetchResponseGroup response,
            Map<String, OffsetFetchResponseData.OffsetFetchResponseTopics> byTopic, String topic) {
        return byTopic.computeIfAbsent(topic, name -> {
            OffsetFetchResponseData.OffsetFetchResponseTopics entry =
                    new OffsetFetchResponseData.OffsetFetchResponseTopics().setName(name);
            response.topics().add(entry);
            return entry;
        });
    }

    private static OffsetFetchResponseData.OffsetFetchResponsePartitions partitionEntry(int partition,
                                                                                        OffsetAndMetadata offset) {
        OffsetFetchResponseData.OffsetFetchResponsePartitions entry =
                new OffsetFetchResponseData.OffsetFetchResponsePartitions().setPartitionIndex(partition)
                        .setErrorCode(Errors.NONE.code());
        if (offset == null) {
            return entry.setCommittedOffset(-1).setCommittedLeaderEpoch(RecordBatch.NO_PARTITION_LEADER_EPOCH)
                    .setMetadata("");
        }
        return entry.setCommittedOffset(offset.offset()).setCommittedLeaderEpoch(offset.leaderEpoch())
                .setMetadata(offset.metadata());
    }

    CompletableFuture<OffsetDeleteResponseData> delete(OffsetDeleteRequestData request) {
        OffsetDeleteResponseData response = new OffsetDeleteResponseData();
        Group group = shard.group(request.groupId());
        if (group == null) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code()));
        }
        Set<String> subscribed = group.consumer != null ? shard.consumer.subscribedTopics(group)
                : group.is(GroupState.EMPTY) ? Set.of() : group.subscribedTopics();
        if (subscribed == null) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.NON_EMPTY_GROUP.code()));
        }
        List<GroupRecord> records = new ArrayList<>();
        for (OffsetDeleteRequestData.OffsetDeleteRequestTopic topic : request.topics()) {
            OffsetDeleteResponseData.OffsetDeleteResponseTopic topicResponse =
                    new OffsetDeleteResponseData.OffsetDeleteResponseTopic().setName(topic.name());
            response.topics().add(topicResponse);
            boolean inUse = subscribed.contains(topic.name());
            for (OffsetDeleteRequestData.OffsetDeleteRequestPartition partition : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), partition.partitionIndex());
                topicResponse.partitions().add(new OffsetDeleteResponseData.OffsetDeleteResponsePartition()
                        .setPartitionIndex(partition.partitionIndex())
                        .setErrorCode(inUse ? Errors.GROUP_SUBSCRIBED_TO_TOPIC.code() : Errors.NONE.code()));
                if (!inUse && group.offsets.containsKey(tp)) {
                    records.add(new GroupRecord.OffsetCommit(request.groupId(), tp, null));
                }
            }
        }
        return shard.write(records).thenApply(ignored -> response);
    }

    void scheduleExpiry() {
        expiryTimer = shard.schedule(shard.config().offsetsRetentionCheckIntervalMs(), () -> {
            expireOffsets();
            scheduleExpiry();
        });
    }

    void cancelExpiry() {
        if (expiryTimer != null) {
            expiryTimer.cancel();
        }
    }

    /**
     * Deletes the offsets of groups that have been empty for the retention time (counted from the later of
     * the commit and the moment the group emptied), and the groups left with nothing.
     */
    void expireOffsets() {
        long nowMs = shard.time().milliseconds();
        long retentionMs = shard.config().offsetsRetentionMs();
        List<GroupRecord> records = new ArrayList<>();
        for (Group group : shard.groups().values()) {
            if (!group.is(GroupState.EMPTY) || !group.hasNoMembers()) {
                continue;
            }
            int expired = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : group.offsets.entrySet()) {
                if (Math.max(entry.getValue().commitTimestampMs(), group.stateTimestampMs) + retentionMs <= nowMs) {
                    records.add(new GroupRecord.OffsetCommit(group.groupId, entry.getKey(), null));
                    expired++;
                }
            }
            if (expired == group.offsets.size() && group.stateTimestampMs + retentionMs <= nowMs) {
                records.add(new GroupRecord.GroupMetadata(group.groupId, null));
                if (group.consumer != null) {
                    records.add(new GroupRecord.ConsumerGroupMetadata(group.groupId, null));
                }
            }
        }
        if (!records.isEmpty()) {
            log.info("{}expiring {} offset and group records", shard.logPrefix(), records.size());
            shard.write(records);
        }
    }
}
