package io.streambus.broker.handler.group;

import io.streambus.broker.api.RequestContext;
import io.streambus.broker.coordinator.group.ClientInfo;

/** What group handlers pass to the coordinator about the client. */
final class GroupRequests {

    private GroupRequests() {
    }

    static ClientInfo client(RequestContext context) {
        return new ClientInfo(context.clientId(), context.clientAddress().getAddress().getHostAddress(),
                context.apiVersion());
    }
}
