package io.streambus.broker.handler.admin;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.metadata.controller.ControllerService;
import io.streambus.metadata.controller.DeleteTopicResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * DeleteTopics v1..6: by name, and from v6 by name or id (not both in one entry). The controller checks
 * existence and {@code delete.topic.enable}; the partition manager deletes the logs when it sees the records.
 * Stateless; runs on the event loop and completes on the controller thread.
 */
public final class DeleteTopicsHandler implements ApiHandler<DeleteTopicsRequestData, DeleteTopicsResponseData> {

    private final ControllerService controller;
    private final ControllerDeadline deadline;

    public DeleteTopicsHandler(ControllerService controller, ControllerDeadline deadline) {
        this.controller = controller;
        this.deadline = deadline;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DELETE_TOPICS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 6;
    }

    @Override
    public CompletionStage<DeleteTopicsResponseData> handle(RequestContext context, DeleteTopicsRequestData request) {
        List<String> names = new ArrayList<>();
        List<Uuid> ids = new ArrayList<>();
        DeleteTopicsResponseData response = new DeleteTopicsResponseData();
        if (context.apiVersion() < 6) {
            names.addAll(request.topicNames());
        } else {
            for (DeleteTopicState topic : request.topics()) {
                boolean hasId = !Uuid.ZERO_UUID.equals(topic.topicId());
                if (topic.name() != null && hasId) {
                    response.responses().add(new DeletableTopicResult().setName(topic.name())
                            .setTopicId(topic.topicId()).setErrorCode(Errors.INVALID_REQUEST.code())
                            .setErrorMessage("A topic must be named by its name or by its id, not both."));
                } else if (hasId) {
                    ids.add(topic.topicId());
                } else if (topic.name() != null) {
                    names.add(topic.name());
                } else {
                    response.responses().add(new DeletableTopicResult().setName(null).setTopicId(Uuid.ZERO_UUID)
                            .setErrorCode(Errors.INVALID_REQUEST.code())
                            .setErrorMessage("A topic must be named by its name or by its id."));
                }
            }
        }
        return deadline.within(controller.deleteTopics(names, ids), request.timeoutMs(), "Topic deletion")
                .thenApply(results -> {
                    for (DeleteTopicResult result : results) {
                        response.responses().add(new DeletableTopicResult()
                                .setName(result.name())
                                .setTopicId(result.topicId())
                                .setErrorCode(result.error().error().code())
                                .setErrorMessage(result.error().isSuccess() ? null
                                        : result.error().messageOrDefault()));
                    }
                    return response;
                });
    }
}
