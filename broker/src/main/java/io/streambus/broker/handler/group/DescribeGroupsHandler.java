package io.streambus.broker.handler.group;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.coordinator.group.GroupCoordinatorService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.utils.Utils;

/**
 * DescribeGroups (v0 to v6): state, protocol and members (with metadata and assignment when Stable) of classic
 * groups. An unknown group, or a KIP-848 consumer group (ConsumerGroupDescribe's), is "Dead" with no error
 * before v6 and GROUP_ID_NOT_FOUND from v6, as in Kafka.
 *
 * <p>Threading: {@link #handle} on the event loop; completes on a coordinator thread.
 */
public final class DescribeGroupsHandler implements ApiHandler<DescribeGroupsRequestData, DescribeGroupsResponseData> {

    /** Every group operation, while there is no authorizer. */
    static final int GROUP_OPERATIONS = Utils.to32BitField(Set.of(AclOperation.READ.code(),
            AclOperation.DESCRIBE.code(), AclOperation.DELETE.code()));

    private final GroupCoordinatorService coordinator;

    public DescribeGroupsHandler(GroupCoordinatorService coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_GROUPS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 6;
    }

    @Override
    public CompletionStage<DescribeGroupsResponseData> handle(RequestContext context, DescribeGroupsRequestData request) {
        List<CompletableFuture<DescribeGroupsResponseData.DescribedGroup>> groups = new ArrayList<>();
        for (String groupId : request.groups()) {
            groups.add(coordinator.describeGroup(groupId, context.apiVersion()));
        }
        int operations = request.includeAuthorizedOperations() ? GROUP_OPERATIONS : Integer.MIN_VALUE;
        return CompletableFuture.allOf(groups.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            DescribeGroupsResponseData response = new DescribeGroupsResponseData();
            groups.forEach(group -> response.groups().add(group.join().setAuthorizedOperations(operations)));
            return response;
        });
    }
}
