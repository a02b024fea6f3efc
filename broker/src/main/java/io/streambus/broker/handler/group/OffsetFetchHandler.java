package io.streambus.broker.handler.group;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.coordinator.group.GroupCoordinatorService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * OffsetFetch (v1 to v9; v10, with topic ids, is not served): one group before v8, several from v8. A null
 * topic list means every committed partition. requireStable is always satisfied, as there are no pending
 * transactional offsets yet.
 *
 * <p>Threading: {@link #handle} on the event loop; completes on a coordinator thread.
 */
public final class OffsetFetchHandler implements ApiHandler<OffsetFetchRequestData, OffsetFetchResponseData> {

    private final GroupCoordinatorService coordinator;

    public OffsetFetchHandler(GroupCoordinatorService coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.OFFSET_FETCH;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 9;
    }

    @Override
    public CompletionStage<OffsetFetchResponseData> handle(RequestContext context, OffsetFetchRequestData request) {
        if (context.apiVersion() >= 8) {
            List<CompletableFuture<OffsetFetchResponseData.OffsetFetchResponseGroup>> groups = new ArrayList<>();
            for (OffsetFetchRequestData.OffsetFetchRequestGroup group : request.groups()) {
                groups.add(coordinator.fetchOffsets(group.groupId(), group.topics(), request.requireStable()));
            }
            return CompletableFuture.allOf(groups.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                OffsetFetchResponseData response = new OffsetFetchResponseData();
                groups.forEach(group -> response.groups().add(group.join()));
                return response;
            });
        }
        List<OffsetFetchRequestData.OffsetFetchRequestTopics> topics = null;
        if (request.topics() != null) {
            topics = new ArrayList<>();
            for (OffsetFetchRequestData.OffsetFetchRequestTopic topic : request.topics()) {
                topics.add(new OffsetFetchRequestData.OffsetFetchRequestTopics().setName(topic.name())
                        .setPartitionIndexes(topic.partitionIndexes()));
            }
        }
        short version = context.apiVersion();
        boolean requireStable = version >= 7 && request.requireStable();
        return coordinator.fetchOffsets(request.groupId(), topics, requireStable).thenApply(group -> singleGroup(group, version));
    }

    /** The pre-v8 shape: the group's topics at top level; a group error in every partition too before v2. */
    private static OffsetFetchResponseData singleGroup(OffsetFetchResponseData.OffsetFetchResponseGroup group,
                                                       short version) {
        OffsetFetchResponseData response = new OffsetFetchResponseData();
        if (version >= 2) {
            response.setErrorCode(group.errorCode());
        }
        for (OffsetFetchResponseData.OffsetFetchResponseTopics topic : group.topics()) {
            OffsetFetchResponseData.OffsetFetchResponseTopic entry =
                    new OffsetFetchResponseData.OffsetFetchResponseTopic().setName(topic.name());
            for (OffsetFetchResponseData.OffsetFetchResponsePartitions p : topic.partitions()) {
                entry.partitions().add(new OffsetFetchResponseData.OffsetFetchResponsePartition()
                        .setPartitionIndex(p.partitionIndex()).setCommittedOffset(p.committedOffset())
                        .setCommittedLeaderEpoch(p.committedLeaderEpoch()).setMetadata(p.metadata())
                        .setErrorCode(version < 2 && group.errorCode() != Errors.NONE.code()
                                ? group.errorCode() : p.errorCode()));
            }
            response.topics().add(entry);
        }
        return response;
    }
}
