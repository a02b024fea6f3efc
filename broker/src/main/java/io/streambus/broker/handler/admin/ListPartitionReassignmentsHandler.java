package io.streambus.broker.handler.admin;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * ListPartitionReassignments v0 (KIP-455): always the empty list. StreamBus does not reassign partitions yet
 * (AlterPartitionReassignments is not served), so no reassignment is ever in progress, for any topic, on a single
 * node or in a cluster; Kafka's controller likewise leaves out topics that are unknown or not reassigning.
 * Stateless; runs on the event loop.
 */
public final class ListPartitionReassignmentsHandler
        implements ApiHandler<ListPartitionReassignmentsRequestData, ListPartitionReassignmentsResponseData> {

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.LIST_PARTITION_REASSIGNMENTS;
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
    public CompletionStage<ListPartitionReassignmentsResponseData> handle(RequestContext context,
            ListPartitionReassignmentsRequestData request) {
        return CompletableFuture.completedFuture(new ListPartitionReassignmentsResponseData().setErrorMessage(null));
    }
}
