package io.streambus.broker.handler.controller;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.metadata.controller.BrokerHeartbeatRequest;
import io.streambus.metadata.controller.ControllerService;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.BrokerHeartbeatResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * BrokerHeartbeat (v0 and v1), which every broker sends the active controller to keep its session: the answer
 * says whether it has caught up, is fenced, or may finish a controlled shutdown. Offline log directories (v1)
 * are not tracked yet: StreamBus has one log directory per broker. Not advertised: clients never send it.
 *
 * <p>Threading: {@link #handle} on the event loop; completes on the controller's thread.
 */
public final class BrokerHeartbeatHandler implements ApiHandler<BrokerHeartbeatRequestData, BrokerHeartbeatResponseData> {

    private final ControllerService controller;

    public BrokerHeartbeatHandler(ControllerService controller) {
        this.controller = controller;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.BROKER_HEARTBEAT;
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
    public boolean advertised() {
        return false;
    }

    @Override
    public CompletionStage<BrokerHeartbeatResponseData> handle(RequestContext context, BrokerHeartbeatRequestData request) {
        return controller.brokerHeartbeatLocally(new BrokerHeartbeatRequest(request.brokerId(), request.brokerEpoch(),
                        request.currentMetadataOffset(), request.wantFence(), request.wantShutDown()))
                .thenApply(result -> new BrokerHeartbeatResponseData().setErrorCode(result.error().error().code())
                        .setIsCaughtUp(result.isCaughtUp()).setIsFenced(result.isFenced())
                        .setShouldShutDown(result.shouldShutDown()));
    }
}
