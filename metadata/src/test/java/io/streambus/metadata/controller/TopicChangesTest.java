package io.streambus.metadata.controller;

import static io.streambus.metadata.controller.ControllerFixture.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.metadata.record.ConfigResource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DeleteTopics, CreatePartitions, replica placement and broker registration. */
class TopicChangesTest {

    @TempDir
    Path dir;

    @Test
    void deletesByNameAndIdAndDropsConfigs() {
        try (ControllerFixture fx = new ControllerFixture(dir, Map.of(), 1)) {
            Uuid a = fx.create(CreatableTopic.of("a", 1, 1).withConfigs(Map.of("retention.ms", "5"))).topicId();
            Uuid b = fx.create("b", 1, 1).topicId();
            List<DeleteTopicResult> results = join(fx.controller.deleteTopics(List.of("a", "missing"),
                    List.of(b, new Uuid(5, 5))));
            assertThat(results).containsExactly(
                    new DeleteTopicResult("a", a, ApiError.NONE),
                    new DeleteTopicResult("missing", Uuid.ZERO_UUID, ApiError.of(Errors.UNKNOWN_TOPIC_OR_PARTITION,
                            "Topic 'missing' does not exist.")),
                    new DeleteTopicResult("b", b, ApiError.NONE),
                    new DeleteTopicResult(null, new Uuid(5, 5), ApiError.of(Errors.UNKNOWN_TOPIC_ID,
                            "Topic id " + new Uuid(5, 5) + " does not exist.")));
            assertThat(fx.image().topics().isEmpty()).isTrue();
            assertThat(fx.image().configs().configs(ConfigResource.topic("a"))).isEmpty();
            // A deleted name may be reused, with a new id.
            assertThat(fx.create("a", 1, 1).topicId()).isNotEqualTo(a);
        }
    }

    @Test
    void deletionCanBeDisabled() {
        try (ControllerFixture fx = new ControllerFixture(dir, Map.of("delete.topic.enable", "false"), 1)) {
            fx.create("a", 1, 1);
            assertThat(join(fx.controller.deleteTopics(List.of("a"), List.of())).getFirst().error().error())
                    .isEqualTo(Errors.TOPIC_DELETION_DISABLED);
            assertThat(fx.image().topics().topic("a")).isNotNull();
        }
    }

    @Test
    void createPartitionsOnlyIncreases() {
        try (ControllerFixture fx = new ControllerFixture(dir, Map.of(), 1)) {
            fx.create("t", 2, 1);
            List<CreatePartitionsResult> results = join(fx.controller.createPartitions(List.of(
                    PartitionsIncrease.of("t", 5), PartitionsIncrease.of("missing", 3)), false));
            assertThat(results.getFirst().error()).isEqualTo(ApiError.NONE);
            assertThat(results.get(1).error().error()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
            assertThat(fx.image().topics().topic("t").partitions()).containsOnlyKeys(0, 1, 2, 3, 4);

            assertThat(join(fx.controller.createPartitions(List.of(PartitionsIncrease.of("t", 5)), false))
                    .getFirst().error()).isEqualTo(ApiError.of(Errors.INVALID_PARTITIONS, "Topic already has 5 partition(s)."));
            assertThat(join(fx.controller.createPartitions(List.of(PartitionsIncrease.of("t", 4)), false))
                    .getFirst().error().error()).isEqualTo(Errors.INVALID_PARTITIONS);
            assertThat(join(fx.controller.createPartitions(List.of(new PartitionsIncrease("t", 7, List.of(List.of(1)))),
                    false)).getFirst().error().error()).isEqualTo(Errors.INVALID_REPLICA_ASSIGNMENT);
            assertThat(join(fx.controller.createPartitions(List.of(PartitionsIncrease.of("t", 6),
                    PartitionsIncrease.of("t", 7)), false))).extracting(r -> r.error().error())
                    .containsOnly(Errors.INVALID_REQUEST);
            assertThat(join(fx.controller.createPartitions(List.of(PartitionsIncrease.of("t", 9)), true))
                    .getFirst().error()).isEqualTo(ApiError.NONE);
            assertThat(fx.image().topics().topic("t").numPartitions()).isEqualTo(5);
        }
    }

    @Test
    void replicasAreRoundRobinOverRegisteredBrokers() {
        try (ControllerFixture fx = new ControllerFixture(dir, Map.of(), 1, 2, 3)) {
            fx.create("t", 3, 2);
            assertThat(fx.image().topics().topic("t").partitions().values())
                    .extracting(p -> p.replicas(), p -> p.leader())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(List.of(1, 2), 1),
                            org.assertj.core.groups.Tuple.tuple(List.of(2, 3), 2),
                            org.assertj.core.groups.Tuple.tuple(List.of(3, 1), 3));
            assertThat(fx.create("four", 1, 4).error().error()).isEqualTo(Errors.INVALID_REPLICATION_FACTOR);
        }
    }

    @Test
    void aFailedCommitFailsTheOperationWithATypedException() {
        try (ControllerFixture fx = new ControllerFixture(dir, Map.of(), 1)) {
            fx.log.close();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> join(fx.controller.createTopics(
                    List.of(CreatableTopic.of("t", 1, 1)), false)))
                    .hasCauseInstanceOf(io.streambus.metadata.log.MetadataLogException.class);
            assertThat(fx.image().topics().isEmpty()).isTrue();
        }
    }

    @Test
    void brokerRegistrationIsIdempotent() {
        try (ControllerFixture fx = new ControllerFixture(dir, Map.of(), 1)) {
            long offset = fx.log.lastCommittedOffset();
            BrokerRegistrationRequest same = new BrokerRegistrationRequest(1, new Uuid(1, 1),
                    fx.image().cluster().broker(1).orElseThrow().endpoints(), null);
            long epoch = fx.image().cluster().broker(1).orElseThrow().epoch();
            assertThat(join(fx.controller.registerBroker(same))).isEqualTo(new BrokerRegistrationResult(ApiError.NONE,
                    epoch));
            assertThat(fx.log.lastCommittedOffset()).isEqualTo(offset);

            // Another incarnation while the first still heartbeats: a second process with the same node.id.
            BrokerRegistrationRequest restarted = new BrokerRegistrationRequest(1, new Uuid(9, 9), same.endpoints(), "r1");
            BrokerRegistrationResult duplicate = join(fx.controller.registerBroker(restarted));
            assertThat(duplicate.error().error()).isEqualTo(Errors.DUPLICATE_BROKER_REGISTRATION);
            assertThat(duplicate.error().messageOrDefault()).contains("(1)");

            // Once its session has expired, the id is free again: a restarted broker registers with a new epoch.
            fx.time.advanceMs(9_000);
            BrokerRegistrationResult reregistered = join(fx.controller.registerBroker(restarted));
            assertThat(reregistered.error()).isEqualTo(ApiError.NONE);
            assertThat(reregistered.brokerEpoch()).isGreaterThan(epoch);
            assertThat(fx.image().cluster().broker(1).orElseThrow()).satisfies(b -> {
                assertThat(b.rack()).isEqualTo("r1");
                assertThat(b.fenced()).as("fenced until it catches up").isTrue();
            });
            assertThat(join(fx.controller.registerBroker(new BrokerRegistrationRequest(-1, new Uuid(1, 1), List.of(),
                    null))).error().error()).isEqualTo(Errors.INVALID_REQUEST);
        }
    }
}
