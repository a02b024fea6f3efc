package io.streambus.broker.handler.group;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.coordinator.group.GroupCoordinatorService;
import io.streambus.broker.coordinator.transaction.TransactionCoordinatorService;
import io.streambus.metadata.image.PartitionRegistration;
import io.streambus.metadata.image.TopicImage;
import io.streambus.metadata.loader.MetadataLoader;
import io.streambus.metadata.record.BrokerEndpoint;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FindCoordinatorRequest;

/**
 * FindCoordinator (v0 to v6, batched keys from v4). A group or transactional id is coordinated by the leader
 * of its {@code __consumer_offsets} or {@code __transaction_state} partition, as in Kafka: another broker's
 * endpoint when it leads that partition, COORDINATOR_NOT_AVAILABLE when nobody does. For the partitions this
 * broker leads, the first request creates the topic (COORDINATOR_NOT_AVAILABLE meanwhile), and
 * COORDINATOR_LOAD_IN_PROGRESS is answered while the partition loads. Other key types get INVALID_REQUEST.
 *
 * <p>Threading: {@link #handle} on the event loop; completes there.
 */
public final class FindCoordinatorHandler implements ApiHandler<FindCoordinatorRequestData, FindCoordinatorResponseData> {

    private final int nodeId;
    private final GroupCoordinatorService coordinator;
    private final TransactionCoordinatorService transactions;
    private final MetadataLoader metadata;

    public FindCoordinatorHandler(int nodeId, GroupCoordinatorService coordinator,
                                  TransactionCoordinatorService transactions, MetadataLoader metadata) {
        this.nodeId = nodeId;
        this.coordinator = coordinator;
        this.transactions = transactions;
        this.metadata = metadata;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.FIND_COORDINATOR;
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
    public CompletionStage<FindCoordinatorResponseData> handle(RequestContext context, FindCoordinatorRequestData request) {
        FindCoordinatorResponseData response = new FindCoordinatorResponseData();
        if (context.apiVersion() >= 4) {
            for (String key : request.coordinatorKeys()) {
                response.coordinators().add(find(context, request.keyType(), key));
            }
            return CompletableFuture.completedFuture(response);
        }
        FindCoordinatorResponseData.Coordinator found = find(context, request.keyType(), request.key());
        response.setErrorCode(found.errorCode()).setNodeId(found.nodeId()).setHost(found.host()).setPort(found.port());
        if (context.apiVersion() >= 1) {
            response.setErrorMessage(found.errorMessage());
        }
        return CompletableFuture.completedFuture(response);
    }

    private FindCoordinatorResponseData.Coordinator find(RequestContext context, byte keyType, String key) {
        FindCoordinatorResponseData.Coordinator result = new FindCoordinatorResponseData.Coordinator().setKey(key);
        Errors error;
        int coordinatorId = nodeId;
        if (key == null || key.isEmpty()) {
            error = Errors.INVALID_REQUEST;
        } else if (keyType == FindCoordinatorRequest.CoordinatorType.GROUP.id()) {
            coordinatorId = leaderOf(GroupCoordinatorService.TOPIC, coordinator.partitionFor(key));
            error = coordinatorId == nodeId ? coordinator.coordinatorStatus(key) : Errors.NONE;
        } else if (keyType == FindCoordinatorRequest.CoordinatorType.TRANSACTION.id()) {
            coordinatorId = leaderOf(TransactionCoordinatorService.TOPIC, transactions.partitionFor(key));
            error = coordinatorId == nodeId ? transactions.coordinatorStatus(key) : Errors.NONE;
        } else {
            error = Errors.INVALID_REQUEST;
        }
        if (error == Errors.NONE) {
            int id = coordinatorId;
            Optional<BrokerEndpoint> endpoint = id == PartitionRegistration.NO_LEADER ? Optional.empty()
                    : metadata.current().cluster().broker(id).flatMap(broker -> broker.endpoint(context.listenerName()));
            if (endpoint.isEmpty()) {
                error = Errors.COORDINATOR_NOT_AVAILABLE;
            } else {
                return result.setErrorCode(Errors.NONE.code()).setNodeId(id)
                        .setHost(endpoint.get().host()).setPort(endpoint.get().port());
            }
        }
        return result.setErrorCode(error.code()).setErrorMessage(error.message()).setNodeId(-1).setHost("").setPort(-1);
    }

    /**
     * The coordinator of a key is the leader of its internal partition, wherever that is (Kafka's rule). While
     * the topic does not exist yet this broker answers for it: its coordinator status starts the creation.
     */
    private int leaderOf(String internalTopic, int partition) {
        TopicImage topic = metadata.current().topics().topic(internalTopic);
        PartitionRegistration registration = topic == null ? null : topic.partition(partition);
        return registration == null ? nodeId : registration.leader();
    }
}
