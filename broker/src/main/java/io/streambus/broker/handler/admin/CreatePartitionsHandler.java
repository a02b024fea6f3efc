package io.streambus.broker.handler.admin;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.metadata.controller.ControllerService;
import io.streambus.metadata.controller.CreatePartitionsResult;
import io.streambus.metadata.controller.PartitionsIncrease;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsAssignment;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * CreatePartitions v0..3: raises a topic's partition count, with placement by the controller or as given.
 * Stateless; runs on the event loop and completes on the controller thread.
 */
public final class CreatePartitionsHandler
        implements ApiHandler<CreatePartitionsRequestData, CreatePartitionsResponseData> {

    private final ControllerService controller;
    private final ControllerDeadline deadline;

    public CreatePartitionsHandler(ControllerService controller, ControllerDeadline deadline) {
        this.controller = controller;
        this.deadline = deadline;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.CREATE_PARTITIONS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 3;
    }

    @Override
    public CompletionStage<CreatePartitionsResponseData> handle(RequestContext context,
                                                                CreatePartitionsRequestData request) {
        List<PartitionsIncrease> increases = new ArrayList<>(request.topics().size());
        for (CreatePartitionsTopic topic : request.topics()) {
            List<List<Integer>> assignments = new ArrayList<>();
            if (topic.assignments() != null) {
                for (CreatePartitionsAssignment assignment : topic.assignments()) {
                    assignments.add(assignment.brokerIds());
                }
            }
            increases.add(new PartitionsIncrease(topic.name(), topic.count(), assignments));
        }
        return deadline.within(controller.createPartitions(increases, request.validateOnly()), request.timeoutMs(),
                        "Partition creation")
                .thenApply(results -> {
                    CreatePartitionsResponseData response = new CreatePartitionsResponseData();
                    for (CreatePartitionsResult result : results) {
                        response.results().add(new CreatePartitionsTopicResult()
                                .setName(result.topic())
                                .setErrorCode(result.error().error().code())
                                .setErrorMessage(result.error().isSuccess() ? null
                                        : result.error().messageOrDefault()));
                    }
                    return response;
                });
    }
}
