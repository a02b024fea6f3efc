package io.streambus.broker.handler.admin;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.metadata.controller.ApiError;
import io.streambus.metadata.controller.ControllerService;
import io.streambus.metadata.loader.MetadataLoader;
import io.streambus.metadata.record.ConfigResource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * AlterConfigs v0..2, the legacy API with replace-all semantics: a resource's dynamic overrides become
 * exactly the configs given, and every override not given is removed. Each resource succeeds or fails on its
 * own. Stateless; runs on the event loop and completes on the controller thread.
 */
public final class AlterConfigsHandler implements ApiHandler<AlterConfigsRequestData, AlterConfigsResponseData> {

    private final ControllerService controller;
    private final MetadataLoader metadata;

    public AlterConfigsHandler(ControllerService controller, MetadataLoader metadata) {
        this.controller = controller;
        this.metadata = metadata;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.ALTER_CONFIGS;
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
    public CompletionStage<AlterConfigsResponseData> handle(RequestContext context, AlterConfigsRequestData request) {
        ConfigChangeResults results = new ConfigChangeResults();
        Map<ConfigResource, Map<String, String>> changes = new LinkedHashMap<>();
        for (AlterConfigsResource wanted : request.resources()) {
            Optional<ConfigResource> resource = results.add(wanted.resourceType(), wanted.resourceName());
            if (resource.isEmpty()) {
                continue;
            }
            Map<String, String> configs = new LinkedHashMap<>();
            for (AlterableConfig config : wanted.configs()) {
                configs.put(config.name(), config.value());
            }
            ApiError error = ConfigResources.checkAlterable(resource.get(), metadata.current(), configs.keySet());
            if (error != null) {
                results.fail(resource.get(), error);
            } else {
                changes.put(resource.get(), configs);
            }
        }
        changes.keySet().removeIf(results::failed);
        return results.complete(changes.isEmpty() ? null : controller.alterConfigs(changes, request.validateOnly()))
                .thenApply(outcomes -> {
                    AlterConfigsResponseData response = new AlterConfigsResponseData();
                    outcomes.forEach(outcome -> response.responses().add(new AlterConfigsResourceResponse()
                            .setResourceType(outcome.type())
                            .setResourceName(outcome.name())
                            .setErrorCode(outcome.error().error().code())
                            .setErrorMessage(outcome.error().isSuccess() ? null : outcome.error().messageOrDefault())));
                    return response;
                });
    }
}
