package io.streambus.broker.handler.controller;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.metadata.controller.BrokerRegistrationRequest;
import io.streambus.metadata.controller.ControllerService;
import io.streambus.metadata.record.BrokerEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.BrokerRegistrationRequestData;
import org.apache.kafka.common.message.BrokerRegistrationResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * BrokerRegistration (v0 to v4), which another broker of the cluster sends the active controller at start-up.
 * A registration for another cluster id is INCONSISTENT_CLUSTER_ID, as in KRaft; otherwise the controller
 * registers the broker (a new epoch, fenced until it catches up) and answers once that is committed. Not
 * advertised: clients never send it.
 *
 * <p>Threading: {@link #handle} on the event loop; completes on the controller's thread.
 */
public final class BrokerRegistrationHandler
        implements ApiHandler<BrokerRegistrationRequestData, BrokerRegistrationResponseData> {

    private final String clusterId;
    private final ControllerService controller;

    public BrokerRegistrationHandler(String clusterId, ControllerService controller) {
        this.clusterId = clusterId;
        this.controller = controller;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.BROKER_REGISTRATION;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 4;
    }

    @Override
    public boolean advertised() {
        return false;
    }

    @Override
    public CompletionStage<BrokerRegistrationResponseData> handle(RequestContext context,
                                                                 BrokerRegistrationRequestData request) {
        if (!clusterId.equals(request.clusterId())) {
            return CompletableFuture.completedFuture(new BrokerRegistrationResponseData()
                    .setErrorCode(Errors.INCONSISTENT_CLUSTER_ID.code()));
        }
        List<BrokerEndpoint> endpoints = new ArrayList<>();
        for (BrokerRegistrationRequestData.Listener listener : request.listeners()) {
            endpoints.add(new BrokerEndpoint(listener.name(), listener.host(), listener.port()));
        }
        return controller.registerBrokerLocally(new BrokerRegistrationRequest(request.brokerId(),
                        request.incarnationId(), endpoints, request.rack()))
                .thenApply(result -> new BrokerRegistrationResponseData().setErrorCode(result.error().error().code())
                        .setBrokerEpoch(result.brokerEpoch()));
    }
}
