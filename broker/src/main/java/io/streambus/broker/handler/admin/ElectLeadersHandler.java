package io.streambus.broker.handler.admin;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.image.PartitionRegistration;
import io.streambus.metadata.image.TopicImage;
import io.streambus.metadata.loader.MetadataLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.ElectLeadersRequestData;
import org.apache.kafka.common.message.ElectLeadersRequestData.TopicPartitions;
import org.apache.kafka.common.message.ElectLeadersResponseData;
import org.apache.kafka.common.message.ElectLeadersResponseData.PartitionResult;
import org.apache.kafka.common.message.ElectLeadersResponseData.ReplicaElectionResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * ElectLeaders v0..2 (KIP-183, KIP-460) on a single node, registered only there: every partition's replicas are
 * this node, so no election can change a leader. A partition led by its preferred replica (PREFERRED) or led at
 * all (UNCLEAN) gets ELECTION_NOT_NEEDED, as Kafka's controller answers; one without a leader gets
 * PREFERRED_LEADER_NOT_AVAILABLE or ELIGIBLE_LEADERS_NOT_AVAILABLE, since its replica is not available. A null
 * partition list means every partition, and then, as Kafka does, only those with another answer than
 * ELECTION_NOT_NEEDED are listed. A cluster needs controller-side elections, which are not built yet, so there
 * the API is not served. Stateless; runs on the event loop.
 */
public final class ElectLeadersHandler implements ApiHandler<ElectLeadersRequestData, ElectLeadersResponseData> {

    private final MetadataLoader metadata;

    public ElectLeadersHandler(MetadataLoader metadata) {
        this.metadata = metadata;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.ELECT_LEADERS;
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
    public CompletionStage<ElectLeadersResponseData> handle(RequestContext context, ElectLeadersRequestData request) {
        ElectionType type = electionType(request.electionType());
        MetadataImage image = metadata.current();
        ElectLeadersResponseData response = new ElectLeadersResponseData();
        if (request.topicPartitions() == null) {
            for (TopicImage topic : image.topics().byName().values()) {
                ReplicaElectionResult result = new ReplicaElectionResult().setTopic(topic.name());
                response.replicaElectionResults().add(result);
                topic.partitions().forEach((partition, registration) -> {
                    Errors error = electionError(type, registration);
                    if (error != Errors.ELECTION_NOT_NEEDED) {
                        result.partitionResult().add(partitionResult(partition, error, null));
                    }
                });
            }
            return CompletableFuture.completedFuture(response);
        }
        for (TopicPartitions requested : request.topicPartitions()) {
            ReplicaElectionResult result = new ReplicaElectionResult().setTopic(requested.topic());
            response.replicaElectionResults().add(result);
            TopicImage topic = image.topics().topic(requested.topic());
            for (int partition : requested.partitions()) {
                PartitionRegistration registration = topic == null ? null : topic.partition(partition);
                if (topic == null) {
                    result.partitionResult().add(partitionResult(partition, Errors.UNKNOWN_TOPIC_OR_PARTITION,
                            "No such topic as " + requested.topic()));
                } else if (registration == null) {
                    result.partitionResult().add(partitionResult(partition, Errors.UNKNOWN_TOPIC_OR_PARTITION,
                            "No such partition as " + requested.topic() + "-" + partition));
                } else {
                    result.partitionResult().add(partitionResult(partition, electionError(type, registration), null));
                }
            }
        }
        return CompletableFuture.completedFuture(response);
    }

    private static ElectionType electionType(byte value) {
        try {
            return ElectionType.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Unknown election type " + value);
        }
    }

    private static Errors electionError(ElectionType type, PartitionRegistration partition) {
        boolean preferredLeads = partition.hasLeader() && partition.leader() == partition.replicas().getFirst();
        if (type == ElectionType.PREFERRED) {
            return preferredLeads ? Errors.ELECTION_NOT_NEEDED : Errors.PREFERRED_LEADER_NOT_AVAILABLE;
        }
        return partition.hasLeader() ? Errors.ELECTION_NOT_NEEDED : Errors.ELIGIBLE_LEADERS_NOT_AVAILABLE;
    }

    private static PartitionResult partitionResult(int partition, Errors error, String message) {
        return new PartitionResult().setPartitionId(partition).setErrorCode(error.code())
                .setErrorMessage(message != null ? message : error == Errors.NONE ? null : error.message());
    }
}
