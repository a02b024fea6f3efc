package io.streambus.broker.handler.admin;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.metadata.image.BrokerRegistration;
import io.streambus.metadata.loader.MetadataLoader;
import java.util.function.IntSupplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * DescribeCluster v0..2 (KIP-700, KIP-919): cluster id, controller id and the brokers reachable on the
 * request's listener. A broker answers only for broker endpoints (endpoint type 1), as Kafka's brokers do;
 * StreamBus has no fenced brokers, so {@code includeFencedBrokers} changes nothing. Stateless; runs on the
 * event loop.
 */
public final class DescribeClusterHandler
        implements ApiHandler<DescribeClusterRequestData, DescribeClusterResponseData> {

    /** {@code EndpointType} ids of the request. */
    private static final byte BROKER_ENDPOINT_TYPE = 1;
    private static final byte CONTROLLER_ENDPOINT_TYPE = 2;

    private final int nodeId;
    private final IntSupplier controllerId;
    private final String clusterId;
    private final MetadataLoader metadata;

    public DescribeClusterHandler(int nodeId, String clusterId, MetadataLoader metadata, IntSupplier controllerId) {
        this.controllerId = controllerId;
        this.nodeId = nodeId;
        this.clusterId = clusterId;
        this.metadata = metadata;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_CLUSTER;
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
    public CompletionStage<DescribeClusterResponseData> handle(RequestContext context,
                                                               DescribeClusterRequestData request) {
        DescribeClusterResponseData response = new DescribeClusterResponseData()
                .setEndpointType(request.endpointType())
                .setClusterId(clusterId)
                .setControllerId(controllerId.getAsInt())
                .setClusterAuthorizedOperations(request.includeClusterAuthorizedOperations()
                        ? AuthorizedOperations.CLUSTER : AuthorizedOperations.NOT_REQUESTED);
        if (request.endpointType() != BROKER_ENDPOINT_TYPE) {
            // Kafka's distinction: a known type sent to the wrong kind of node, or a type it does not know.
            Errors error = request.endpointType() == CONTROLLER_ENDPOINT_TYPE
                    ? Errors.MISMATCHED_ENDPOINT_TYPE : Errors.UNSUPPORTED_ENDPOINT_TYPE;
            return CompletableFuture.completedFuture(response.setErrorCode(error.code()).setErrorMessage(
                    "This is a broker endpoint; endpoint type " + request.endpointType() + " is not served here."));
        }
        for (BrokerRegistration broker : metadata.current().cluster().brokers().values()) {
            if (broker.fenced() && !request.includeFencedBrokers()) {
                continue;
            }
            broker.endpoint(context.listenerName()).ifPresent(endpoint -> response.brokers().add(
                    new DescribeClusterBroker()
                            .setBrokerId(broker.id())
                            .setHost(endpoint.host())
                            .setPort(endpoint.port())
                            .setRack(broker.rack())
                            .setIsFenced(broker.fenced())));
        }
        return CompletableFuture.completedFuture(response);
    }
}
