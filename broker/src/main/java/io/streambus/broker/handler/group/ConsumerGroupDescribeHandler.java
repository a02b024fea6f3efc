package io.streambus.broker.handler.group;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.coordinator.group.GroupCoordinatorService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.ConsumerGroupDescribeRequestData;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * ConsumerGroupDescribe (v0 to v1): KIP-848 groups with epochs, members, current and target assignments.
 * Classic and unknown groups get GROUP_ID_NOT_FOUND, which is what makes kafka-clients' Admin fall back to
 * DescribeGroups for them.
 *
 * <p>Threading: {@link #handle} on the event loop; completes on a coordinator thread.
 */
public final class ConsumerGroupDescribeHandler
        implements ApiHandler<ConsumerGroupDescribeRequestData, ConsumerGroupDescribeResponseData> {

    private final GroupCoordinatorService coordinator;

    public ConsumerGroupDescribeHandler(GroupCoordinatorService coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.CONSUMER_GROUP_DESCRIBE;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 1;
    }

    @Override
    public CompletionStage<ConsumerGroupDescribeResponseData> handle(RequestContext context,
                                                                    ConsumerGroupDescribeRequestData request) {
        List<CompletableFuture<ConsumerGroupDescribeResponseData.DescribedGroup>> groups = new ArrayList<>();
        for (String groupId : request.groupIds()) {
            groups.add(coordinator.consumerGroupDescribe(groupId));
        }
        int operations = request.includeAuthorizedOperations() ? DescribeGroupsHandler.GROUP_OPERATIONS
                : Integer.MIN_VALUE;
        return CompletableFuture.allOf(groups.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            ConsumerGroupDescribeResponseData response = new ConsumerGroupDescribeResponseData();
            groups.forEach(group -> response.groups().add(group.join().setAuthorizedOperations(operations)));
            return response;
        });
    }
}
