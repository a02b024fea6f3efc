package io.streambus.broker.handler.admin;

import io.streambus.metadata.controller.ApiError;
import io.streambus.metadata.record.ConfigResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.protocol.Errors;

/**
 * The per-resource outcomes of one AlterConfigs or IncrementalAlterConfigs request, in request order:
 * failures found before the controller is asked, merged with the controller's answers. Confined to one
 * request: filled on the event loop, completed on the controller thread.
 */
final class ConfigChangeResults {

    /** One resource's line of the response, with the wire type and name as the client sent them. */
    record Outcome(byte type, String name, ApiError error) {
    }

    private record Entry(byte type, String name, ConfigResource resource) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<ConfigResource, ApiError> earlyFailures = new HashMap<>();
    private final Map<Integer, ApiError> unsupported = new HashMap<>();

    /**
     * Records a resource of the request; returns it if it should be checked further, empty if it already
     * failed (an unsupported type, or the same resource twice).
     */
    Optional<ConfigResource> add(byte type, String name) {
        Optional<ConfigResource> resource = ConfigResources.resource(type, name);
        if (resource.isEmpty()) {
            unsupported.put(entries.size(), ConfigResources.unsupportedType(type));
            entries.add(new Entry(type, name, null));
            return Optional.empty();
        }
        boolean duplicate = entries.stream().anyMatch(e -> resource.get().equals(e.resource()));
        entries.add(new Entry(type, name, resource.get()));
        if (duplicate) {
            fail(resource.get(), ApiError.of(Errors.INVALID_REQUEST, "Duplicate resource in request: "
                    + type + "/" + name));
            return Optional.empty();
        }
        return resource;
    }

    void fail(ConfigResource resource, ApiError error) {
        earlyFailures.put(resource, error);
    }

    /** Whether the resource already failed (then it must not be sent to the controller). */
    boolean failed(ConfigResource resource) {
        return earlyFailures.containsKey(resource);
    }

    /** The outcomes once the controller has answered; {@code controllerResult} is null when nothing was sent. */
    CompletionStage<List<Outcome>> complete(CompletableFuture<Map<ConfigResource, ApiError>> controllerResult) {
        CompletableFuture<Map<ConfigResource, ApiError>> answered = controllerResult != null ? controllerResult
                : CompletableFuture.completedFuture(Map.of());
        return answered.thenApply(controllerErrors -> {
            List<Outcome> outcomes = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                Entry entry = entries.get(i);
                ApiError error = entry.resource() == null ? unsupported.get(i)
                        : earlyFailures.getOrDefault(entry.resource(),
                                controllerErrors.getOrDefault(entry.resource(), ApiError.NONE));
                outcomes.add(new Outcome(entry.type(), entry.name(), error));
            }
            return outcomes;
        });
    }
}
