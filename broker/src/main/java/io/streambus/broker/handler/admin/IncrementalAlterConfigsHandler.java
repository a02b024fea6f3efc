package io.streambus.broker.handler.admin;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.metadata.controller.AlterConfigOp;
import io.streambus.metadata.controller.ApiError;
import io.streambus.metadata.controller.ControllerService;
import io.streambus.metadata.loader.MetadataLoader;
import io.streambus.metadata.record.ConfigResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * IncrementalAlterConfigs v0..1: SET, DELETE, APPEND and SUBTRACT on topic and broker configs; the other
 * overrides of a resource stay as they are. Each resource succeeds or fails on its own. Stateless; runs on
 * the event loop and completes on the controller thread.
 */
public final class IncrementalAlterConfigsHandler
        implements ApiHandler<IncrementalAlterConfigsRequestData, IncrementalAlterConfigsResponseData> {

    private final ControllerService controller;
    private final MetadataLoader metadata;

    public IncrementalAlterConfigsHandler(ControllerService controller, MetadataLoader metadata) {
        this.controller = controller;
        this.metadata = metadata;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.INCREMENTAL_ALTER_CONFIGS;
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
    public CompletionStage<IncrementalAlterConfigsResponseData> handle(RequestContext context,
                                                                      IncrementalAlterConfigsRequestData request) {
        ConfigChangeResults results = new ConfigChangeResults();
        Map<ConfigResource, List<AlterConfigOp>> changes = new LinkedHashMap<>();
        for (AlterConfigsResource wanted : request.resources()) {
            Optional<ConfigResource> resource = results.add(wanted.resourceType(), wanted.resourceName());
            if (resource.isEmpty()) {
                continue;
            }
            List<AlterConfigOp> ops = new ArrayList<>(wanted.configs().size());
            ApiError error = null;
            for (AlterableConfig config : wanted.configs()) {
                try {
                    ops.add(new AlterConfigOp(config.name(), AlterConfigOp.OpType.fromId(config.configOperation()),
                            config.value()));
                } catch (IllegalArgumentException e) {
                    error = ApiError.of(Errors.INVALID_REQUEST, "Unknown config operation " + config.configOperation()
                            + " for config " + config.name());
                }
            }
            if (error == null) {
                error = ConfigResources.checkAlterable(resource.get(), metadata.current(),
                        ops.stream().map(AlterConfigOp::key).toList());
            }
            if (error != null) {
                results.fail(resource.get(), error);
            } else {
                changes.put(resource.get(), ops);
            }
        }
        changes.keySet().removeIf(results::failed);
        return results.complete(changes.isEmpty() ? null
                        : controller.incrementalAlterConfigs(changes, request.validateOnly()))
                .thenApply(outcomes -> {
                    IncrementalAlterConfigsResponseData response = new IncrementalAlterConfigsResponseData();
                    outcomes.forEach(outcome -> response.responses().add(new AlterConfigsResourceResponse()
                            .setResourceType(outcome.type())
                            .setResourceName(outcome.name())
                            .setErrorCode(outcome.error().error().code())
                            .setErrorMessage(outcome.error().isSuccess() ? null : outcome.error().messageOrDefault())));
                    return response;
                });
    }
}
