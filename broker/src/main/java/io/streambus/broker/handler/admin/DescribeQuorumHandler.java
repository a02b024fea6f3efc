package io.streambus.broker.handler.admin;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.controller.ControllerChannel;
import io.streambus.metadata.log.MetadataLog;
import io.streambus.storage.Time;
import io.streambus.metadata.log.raft.QuorumVoter;
import io.streambus.metadata.log.raft.RatisMetadataLog;
import io.streambus.metadata.log.raft.ReplicaProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
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
 * {@code describeMetadataQuorum} ask. The answer is the Raft leader's, as in Kafka, where brokers forward this
 * request to the active controller: a node that is not the leader forwards it over the {@link ControllerChannel}.
 * The leader reports itself at the offset after its last committed record, fetched and caught up now, and each
 * follower where Ratis has it: its match index as an offset, when it last answered, and when it last held
 * everything. The single-node metadata log is honestly a quorum of one voter. Observers are the nodes that receive
 * the log without a vote: voters removed with RemoveRaftVoter (a node joining the quorum is unknown to the leader
 * until AddRaftVoter names it). No directory ids (ZERO, printed "null") and no voter
 * endpoints (v2 {@code nodes} empty). A request for any partition but {@code __cluster_metadata-0} gets
 * UNKNOWN_TOPIC_OR_PARTITION per partition, as Kafka's Raft client answers. Runs on the event loop; the
 * followers' progress comes from the metadata log's thread.
 */
public final class DescribeQuorumHandler implements ApiHandler<DescribeQuorumRequestData, DescribeQuorumResponseData> {

    private final int nodeId;
    private final MetadataLog metadataLog;
    private final Optional<ControllerChannel> leaderChannel;
    private final Time time;

    /** @param leaderChannel the way to the Raft leader, in a cluster; empty for a single node */
    public DescribeQuorumHandler(int nodeId, MetadataLog metadataLog, Optional<ControllerChannel> leaderChannel,
                                 Time time) {
        this.nodeId = nodeId;
        this.metadataLog = metadataLog;
        this.leaderChannel = leaderChannel;
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
        long nowMs = time.milliseconds();
        if (!(metadataLog instanceof RatisMetadataLog raft)) {
            return CompletableFuture.completedFuture(answer(List.of(nodeId), List.of(), Map.of(), nowMs));
        }
        if (!raft.isActiveLeader() && leaderChannel.isPresent()) {
            return leaderChannel.get().send(ApiKeys.DESCRIBE_QUORUM, context.apiVersion(), request);
        }
        List<Integer> voters = raft.voters().stream().map(QuorumVoter::id).toList();
        List<Integer> observers = raft.observers();
        return raft.followerProgress(nowMs).thenApply(progress -> answer(voters, observers,
                progress.stream().collect(Collectors.toMap(ReplicaProgress::nodeId, Function.identity())), nowMs));
    }

    private DescribeQuorumResponseData answer(List<Integer> voterIds, List<Integer> observerIds,
                                              Map<Integer, ReplicaProgress> followers, long nowMs) {
        long endOffset = metadataLog.lastCommittedOffset() + 1;
        List<ReplicaState> voters = voterIds.stream().map(id -> replicaState(id, followers, endOffset, nowMs)).toList();
        List<ReplicaState> observers = observerIds.stream().map(id -> replicaState(id, followers, endOffset, nowMs))
                .toList();
        PartitionData partition = new PartitionData()
                .setPartitionIndex(Topic.CLUSTER_METADATA_TOPIC_PARTITION.partition())
                .setErrorCode(Errors.NONE.code())
                .setLeaderId(metadataLog.activeController(nodeId).orElse(-1))
                .setLeaderEpoch(metadataLog.leaderEpoch())
                .setHighWatermark(endOffset)
                .setCurrentVoters(voters)
                .setObservers(observers);
        return new DescribeQuorumResponseData()
                .setErrorCode(Errors.NONE.code())
                .setTopics(List.of(new TopicData().setTopicName(Topic.CLUSTER_METADATA_TOPIC_NAME)
                        .setPartitions(List.of(partition))));
    }

    private ReplicaState replicaState(int replica, Map<Integer, ReplicaProgress> followers, long endOffset, long nowMs) {
        ReplicaState state = new ReplicaState().setReplicaId(replica).setReplicaDirectoryId(Uuid.ZERO_UUID);
        ReplicaProgress progress = followers.get(replica);
        if (replica == nodeId) {
            return state.setLogEndOffset(endOffset).setLastFetchTimestamp(nowMs).setLastCaughtUpTimestamp(nowMs);
        }
        if (progress != null) {
            return state.setLogEndOffset(progress.logEndOffset()).setLastFetchTimestamp(progress.lastFetchTimestampMs())
                    .setLastCaughtUpTimestamp(progress.lastCaughtUpTimestampMs());
        }
        return state.setLogEndOffset(-1).setLastFetchTimestamp(-1).setLastCaughtUpTimestamp(-1); // Kafka's "unknown"
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
