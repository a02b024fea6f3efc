package io.streambus.broker.handler.group;

import io.streambus.broker.api.RequestContext;
import io.streambus.broker.coordinator.group.ClientInfo;

/** What group handlers pass to the coordinator about the client. */
final class GroupRequests {

    private GroupRequests() {
    }

    /**
     * The client's id and host. The host is written as Kafka writes it ({@code InetAddress.toString()} of an
     * unresolved address: {@code /127.0.0.1}), which is what DescribeGroups, ConsumerGroupDescribe and
     * {@code kafka-consumer-groups} show.
     */
    static ClientInfo client(RequestContext context) {
        return new ClientInfo(context.clientId(), "/" + context.clientAddress().getAddress().getHostAddress(),
                context.apiVersion());
    }
}
