package io.streambus.broker.handler.admin;

import io.streambus.metadata.controller.ApiError;
import io.streambus.metadata.controller.ControllerService;
import io.streambus.metadata.controller.CreatableTopic;
import io.streambus.metadata.controller.CreateTopicResult;
import io.streambus.metadata.controller.TopicNames;
import io.streambus.metadata.image.TopicImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates topics that a Metadata request names but that do not exist, when {@code auto.create.topics.enable}
 * is on: with the broker defaults ({@code num.partitions}, {@code default.replication.factor}) through the
 * controller. Concurrent requests for the same name share one creation, so a burst of producers asking for a
 * new topic writes one TopicRecord. Internal names ("__...") are never created here: their owners
 * (the coordinators) create them with their own settings.
 *
 * <p>Threading: thread-safe; {@link #create} does not block. The in-flight map is a concurrent map whose
 * entries are removed when their creation completes.
 */
public final class AutoTopicCreator {

    private static final Logger log = LoggerFactory.getLogger(AutoTopicCreator.class);

    private final ControllerService controller;
    private final boolean enabled;
    private final Map<String, CompletableFuture<ApiError>> inFlight = new ConcurrentHashMap<>();

    /** @param enabled {@code auto.create.topics.enable} (read-only, so fixed for the broker's life) */
    public AutoTopicCreator(ControllerService controller, boolean enabled) {
        this.controller = controller;
        this.enabled = enabled;
    }

    /** Whether a Metadata request for the unknown, valid topic {@code name} should create it. */
    boolean shouldCreate(String name, boolean requestAllows) {
        return enabled && requestAllows && !TopicImage.isInternal(name) && TopicNames.invalidReason(name) == null;
    }

    /**
     * Creates the topics; completes with the failure of each one that could not be created (absent when it
     * was created, also by someone else in the meantime). Never completes exceptionally.
     */
    CompletableFuture<Map<String, ApiError>> create(List<String> names) {
        List<String> toCreate = new ArrayList<>();
        Map<String, CompletableFuture<ApiError>> waits = new HashMap<>();
        CompletableFuture<ApiError>[] mine = newArray(names.size());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            CompletableFuture<ApiError> own = new CompletableFuture<>();
            CompletableFuture<ApiError> existing = inFlight.putIfAbsent(name, own);
            if (existing == null) {
                toCreate.add(name);
                mine[toCreate.size() - 1] = own;
                waits.put(name, own);
            } else {
                waits.put(name, existing);
            }
        }
        if (!toCreate.isEmpty()) {
            startCreation(toCreate, mine);
        }
        return CompletableFuture.allOf(waits.values().toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Map<String, ApiError> failures = new HashMap<>();
            waits.forEach((name, wait) -> {
                ApiError error = wait.join();
                if (error.isFailure() && error.error() != Errors.TOPIC_ALREADY_EXISTS) {
                    failures.put(name, error);
                }
            });
            return failures;
        });
    }

    private void startCreation(List<String> names, CompletableFuture<ApiError>[] futures) {
        List<CreatableTopic> topics = new ArrayList<>(names.size());
        names.forEach(name -> topics.add(CreatableTopic.of(name, -1, -1)));
        controller.createTopics(topics, false).whenComplete((results, failure) -> {
            for (int i = 0; i < names.size(); i++) {
                ApiError error;
                if (failure != null) {
                    // Retriable for the client: the next Metadata request tries again.
                    error = ApiError.of(Errors.LEADER_NOT_AVAILABLE, "Automatic creation of topic '" + names.get(i)
                            + "' failed: " + failure.getMessage());
                } else {
                    CreateTopicResult result = results.get(i);
                    error = result.error();
                    if (error.isSuccess()) {
                        log.info("[AutoTopicCreator] created topic {} ({} partitions, replication factor {})",
                                names.get(i), result.numPartitions(), result.replicationFactor());
                    }
                }
                inFlight.remove(names.get(i), futures[i]);
                futures[i].complete(error);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<ApiError>[] newArray(int size) {
        return (CompletableFuture<ApiError>[]) new CompletableFuture<?>[size];
    }
}
