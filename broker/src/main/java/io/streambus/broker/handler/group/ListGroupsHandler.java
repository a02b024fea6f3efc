package io.streambus.broker.handler.group;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.coordinator.group.GroupCoordinatorService;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * ListGroups (v0 to v5): the groups this broker coordinates, filtered by state (v4+, any case) and type
 * (v5+; every group is "classic" for now).
 *
 * <p>Threading: {@link #handle} on the event loop; completes on a coordinator thread.
 */
public final class ListGroupsHandler implements ApiHandler<ListGroupsRequestData, ListGroupsResponseData> {

    private final GroupCoordinatorService coordinator;

    public ListGroupsHandler(GroupCoordinatorService coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.LIST_GROUPS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 5;
    }

    @Override
    public CompletionStage<ListGroupsResponseData> handle(RequestContext context, ListGroupsRequestData request) {
        List<String> states = request.statesFilter() == null ? List.of() : request.statesFilter();
        List<String> types = request.typesFilter() == null ? List.of() : request.typesFilter();
        return coordinator.listGroups(states, types);
    }
}
