package io.streambus.broker.handler.controller;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.metadata.controller.ControllerService;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.AllocateProducerIdsRequestData;
import org.apache.kafka.common.message.AllocateProducerIdsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * AllocateProducerIds (v0): the next block of producer ids for a broker, committed to the metadata log before it
 * is handed out, so no two brokers and no restart ever reuse one (KIP-730). Not advertised: clients never send it.
 *
 * <p>Threading: {@link #handle} on the event loop; completes on the controller's thread.
 */
public final class AllocateProducerIdsHandler
        implements ApiHandler<AllocateProducerIdsRequestData, AllocateProducerIdsResponseData> {

    private final ControllerService controller;

    public AllocateProducerIdsHandler(ControllerService controller) {
        this.controller = controller;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.ALLOCATE_PRODUCER_IDS;
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
    public boolean advertised() {
        return false;
    }

    @Override
    public CompletionStage<AllocateProducerIdsResponseData> handle(RequestContext context,
                                                                  AllocateProducerIdsRequestData request) {
        return controller.allocateProducerIdsLocally(request.brokerId()).thenApply(result -> {
            AllocateProducerIdsResponseData response = new AllocateProducerIdsResponseData()
                    .setErrorCode(result.error().error().code());
            if (result.block() != null) {
                response.setProducerIdStart(result.block().firstProducerId()).setProducerIdLen(result.block().size());
            }
            return response;
        });
    }
}
