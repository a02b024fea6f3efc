package io.streambus.broker.handler.admin;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.metadata.log.MetadataLog;
import io.streambus.storage.Time;
import io.streambus.metadata.log.raft.QuorumVoter;
import io.streambus.metadata.log.raft.RatisMetadataLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.DescribeQuorumRequestData;
import org.apache.kafka.common.message.DescribeQuorumResponseData;
import org.apache.kafka.common.message.DescribeQuorumResponseData.PartitionData;
import org.apache.kafka.common.message.DescribeQuorumResponseData.ReplicaState;
import org.apache.kafka.common.message.DescribeQuorumResponseData.TopicData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeQuorumRequest;

/**
 * DescribeQuorum v0..2 (KIP-595, KIP-836, KIP-853), what {@code kafka-metadata-quorum describe} and Admin's
 * {@code describeMetadataQuorum} ask. The single-node metadata log is honestly a quorum of one voter: this node
 * leads it, in the epoch the log reports; the high watermark and the leader's log end offset are both the
 * offset after the last committed record (the local log commits what it writes), and the leader's fetch and
 * caught-up times are now, as Kafka reports its own. There are no observers: brokers read the log in-process,
 * as Kafka's combined broker+controller does through its voter. No directory ids (ZERO, printed "null") and no
 * voter endpoints (v2 {@code nodes} empty): StreamBus has no controller listener, which DescribeCluster also
 * refuses. A request for any partition but {@code __cluster_metadata-0} gets UNKNOWN_TOPIC_OR_PARTITION per
 * partition, as Kafka's Raft client answers. Stateless; runs on the event loop.
 */
public final class DescribeQuorumHandler implements ApiHandler<DescribeQuorumRequestData, DescribeQuorumResponseData> {

    private final int nodeId;
    private final MetadataLog metadataLog;
    private final Time time;

    public DescribeQuorumHandler(int nodeId, MetadataLog metadataLog, Time time) {
        this.nodeId = nodeId;
        this.metadataLog = metadataLog;
        this.time = time;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_QUORUM;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 2;
    }

    @Override
    public CompletionStage<DescribeQuorumResponseData> handle(RequestContext context, DescribeQuorumRequestData request) {
        if (!asksForTheMetadataPartition(request)) {
            return CompletableFuture.completedFuture(
                    DescribeQuorumRequest.getPartitionLevelErrorResponse(request, Errors.UNKNOWN_TOPIC_OR_PARTITION));
        }
        long endOffset = metadataLog.lastCommittedOffset() + 1;
        long nowMs = time.milliseconds();
        int leaderId = metadataLog.activeController(nodeId).orElse(-1);
        List<ReplicaState> voters = new ArrayList<>();
        for (int voter : voterIds()) {
            // This node knows its own progress; the followers' is Ratis' and not exposed yet: -1, Kafka's "unknown".
            boolean self = voter == nodeId;
            voters.add(new ReplicaState().setReplicaId(voter).setReplicaDirectoryId(Uuid.ZERO_UUID)
                    .setLogEndOffset(self ? endOffset : -1).setLastFetchTimestamp(self ? nowMs : -1)
                    .setLastCaughtUpTimestamp(self ? nowMs : -1));
        }
        PartitionData partition = new PartitionData()
                .setPartitionIndex(Topic.CLUSTER_METADATA_TOPIC_PARTITION.partition())
                .setErrorCode(Errors.NONE.code())
                .setLeaderId(leaderId)
                .setLeaderEpoch(metadataLog.leaderEpoch())
                .setHighWatermark(endOffset)
                .setCurrentVoters(voters)
                .setObservers(List.of());
        return CompletableFuture.completedFuture(new DescribeQuorumResponseData()
                .setErrorCode(Errors.NONE.code())
                .setTopics(List.of(new TopicData().setTopicName(Topic.CLUSTER_METADATA_TOPIC_NAME)
                        .setPartitions(List.of(partition)))));
    }

    private List<Integer> voterIds() {
        if (metadataLog instanceof RatisMetadataLog raft) {
            return raft.voters().stream().map(QuorumVoter::id).toList();
        }
        return List.of(nodeId);
    }

    /** Kafka's rule: exactly one topic, the metadata topic, with exactly its one partition. */
    private static boolean asksForTheMetadataPartition(DescribeQuorumRequestData request) {
        if (request.topics().size() != 1) {
            return false;
        }
        DescribeQuorumRequestData.TopicData topic = request.topics().getFirst();
        return topic.topicName().equals(Topic.CLUSTER_METADATA_TOPIC_NAME) && topic.partitions().size() == 1
                && topic.partitions().getFirst().partitionIndex() == Topic.CLUSTER_METADATA_TOPIC_PARTITION.partition();
    }
}
