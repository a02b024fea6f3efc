package io.streambus.metadata.controller;

import static io.streambus.metadata.controller.ControllerFixture.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.metadata.image.PartitionRegistration;
import io.streambus.metadata.image.TopicImage;
import io.streambus.metadata.record.ConfigResource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateTopicsTest {

    @TempDir
    Path dir;
    private ControllerFixture fx;

    @BeforeEach
    void start() {
        fx = new ControllerFixture(dir, Map.of("num.partitions", "3"), 1);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private Errors error(CreatableTopic topic) {
        return fx.create(topic).error().error();
    }

    private Errors error(String name, int partitions, int replicationFactor) {
        return error(CreatableTopic.of(name, partitions, replicationFactor));
    }

    @Test
    void createsTopicWithPartitionsOnTheSingleNodeAndConfigs() {
        CreateTopicResult result = fx.create(CreatableTopic.of("orders", 2, 1)
                .withConfigs(Map.of("retention.ms", "1000")));
        assertThat(result.error()).isEqualTo(ApiError.NONE);
        assertThat(result.numPartitions()).isEqualTo(2);
        assertThat(result.replicationFactor()).isEqualTo((short) 1);
        TopicImage topic = fx.image().topics().topic("orders");
        assertThat(topic.id()).isEqualTo(result.topicId()).isNotEqualTo(Uuid.ZERO_UUID);
        assertThat(topic.partitions()).containsOnlyKeys(0, 1);
        assertThat(topic.partition(1)).isEqualTo(new PartitionRegistration(List.of(1), List.of(1), 1, 0, 0));
        assertThat(fx.image().configs().configs(ConfigResource.topic("orders"))).isEqualTo(Map.of("retention.ms", "1000"));
    }

    @Test
    void minusOneUsesBrokerDefaults() {
        CreateTopicResult result = fx.create("defaults", -1, -1);
        assertThat(result.numPartitions()).isEqualTo(3);
        assertThat(result.replicationFactor()).isEqualTo((short) 1);
    }

    @Test
    void internalTopicsAreAllowedAndFlagged() {
        assertThat(error("__consumer_offsets", 1, 1)).isEqualTo(Errors.NONE);
        assertThat(fx.image().topics().topic("__consumer_offsets").internal()).isTrue();
    }

    @Test
    void invalidNamesAreRejectedAsKafkaDoes() {
        assertThat(fx.create("", 1, 1).error()).isEqualTo(ApiError.of(Errors.INVALID_TOPIC_EXCEPTION,
                "Topic name is illegal, it can't be empty"));
        assertThat(error(".", 1, 1)).isEqualTo(Errors.INVALID_TOPIC_EXCEPTION);
        assertThat(error("..", 1, 1)).isEqualTo(Errors.INVALID_TOPIC_EXCEPTION);
        assertThat(error("a".repeat(250), 1, 1)).isEqualTo(Errors.INVALID_TOPIC_EXCEPTION);
        assertThat(error("a".repeat(249), 1, 1)).isEqualTo(Errors.NONE);
        assertThat(error("bad name", 1, 1)).isEqualTo(Errors.INVALID_TOPIC_EXCEPTION);
        assertThat(error("bad/name", 1, 1)).isEqualTo(Errors.INVALID_TOPIC_EXCEPTION);
        assertThat(error("é", 1, 1)).isEqualTo(Errors.INVALID_TOPIC_EXCEPTION);
        assertThat(error("Ok.name_with-all.9", 1, 1)).isEqualTo(Errors.NONE);
    }

    @Test
    void existingAndCollidingNamesAreRejected() {
        assertThat(error("a.b", 1, 1)).isEqualTo(Errors.NONE);
        assertThat(fx.create("a.b", 1, 1).error()).isEqualTo(ApiError.of(Errors.TOPIC_ALREADY_EXISTS,
                "Topic 'a.b' already exists."));
        assertThat(fx.create("a_b", 1, 1).error()).isEqualTo(ApiError.of(Errors.INVALID_TOPIC_EXCEPTION,
                "Topic 'a_b' collides with existing topic: a.b"));
        List<CreateTopicResult> sameRequest = join(fx.controller.createTopics(List.of(CreatableTopic.of("x_y", 1, 1),
                CreatableTopic.of("x.y", 1, 1)), false));
        assertThat(sameRequest).extracting(r -> r.error().error())
                .containsExactly(Errors.NONE, Errors.INVALID_TOPIC_EXCEPTION);
    }

    @Test
    void invalidPartitionCountsAndReplicationFactors() {
        assertThat(error("p0", 0, 1)).isEqualTo(Errors.INVALID_PARTITIONS);
        assertThat(error("pm2", -2, 1)).isEqualTo(Errors.INVALID_PARTITIONS);
        assertThat(error("r0", 1, 0)).isEqualTo(Errors.INVALID_REPLICATION_FACTOR);
        assertThat(error("rm2", 1, -2)).isEqualTo(Errors.INVALID_REPLICATION_FACTOR);
        assertThat(fx.create("r2", 1, 2).error().message()).contains("only 1 broker(s) are registered");
        assertThat(fx.image().topics().isEmpty()).isTrue();
    }

    @Test
    void manualAssignments() {
        CreatableTopic manual = new CreatableTopic("m", -1, (short) -1, Map.of(0, List.of(1), 1, List.of(1)), Map.of());
        assertThat(error(manual)).isEqualTo(Errors.NONE);
        assertThat(fx.image().topics().topic("m").numPartitions()).isEqualTo(2);
        assertThat(error(new CreatableTopic("m1", 2, (short) -1, Map.of(0, List.of(1)), Map.of())))
                .isEqualTo(Errors.INVALID_REQUEST);
        assertThat(error(new CreatableTopic("m2", -1, (short) -1, Map.of(1, List.of(1)), Map.of())))
                .isEqualTo(Errors.INVALID_REPLICA_ASSIGNMENT);
        assertThat(error(new CreatableTopic("m3", -1, (short) -1, Map.of(0, List.of()), Map.of())))
                .isEqualTo(Errors.INVALID_REPLICA_ASSIGNMENT);
        assertThat(error(new CreatableTopic("m4", -1, (short) -1, Map.of(0, List.of(1, 1)), Map.of())))
                .isEqualTo(Errors.INVALID_REPLICA_ASSIGNMENT);
        assertThat(fx.create(new CreatableTopic("m5", -1, (short) -1, Map.of(0, List.of(7)), Map.of())).error()
                .message()).contains("broker 7");
    }

    @Test
    void invalidConfigsNameTheKey() {
        ApiError unknown = fx.create(CreatableTopic.of("c1", 1, 1).withConfigs(Map.of("no.such", "1"))).error();
        assertThat(unknown).isEqualTo(ApiError.of(Errors.INVALID_CONFIG, "Unknown topic config name: no.such"));
        ApiError bad = fx.create(CreatableTopic.of("c2", 1, 1).withConfigs(Map.of("cleanup.policy", "purge"))).error();
        assertThat(bad.error()).isEqualTo(Errors.INVALID_CONFIG);
        assertThat(bad.message()).contains("cleanup.policy");
        java.util.Map<String, String> nullValue = new java.util.HashMap<>();
        nullValue.put("retention.ms", null);
        assertThat(fx.create(CreatableTopic.of("c3", 1, 1).withConfigs(nullValue)).error().message())
                .isEqualTo("Null value not supported for topic configs: retention.ms");
        assertThat(fx.image().topics().isEmpty()).isTrue();
    }

    @Test
    void validateOnlyWritesNothing() {
        long before = fx.log.lastCommittedOffset();
        List<CreateTopicResult> results = join(fx.controller.createTopics(List.of(CreatableTopic.of("v", 4, 1),
                CreatableTopic.of("v v", 4, 1)), true));
        assertThat(results.getFirst()).isEqualTo(new CreateTopicResult("v", ApiError.NONE, Uuid.ZERO_UUID, 4, (short) 1));
        assertThat(results.get(1).error().error()).isEqualTo(Errors.INVALID_TOPIC_EXCEPTION);
        assertThat(fx.log.lastCommittedOffset()).isEqualTo(before);
        assertThat(fx.image().topics().isEmpty()).isTrue();
    }

    @Test
    void eachTopicSucceedsOrFailsOnItsOwnAndDuplicatesAreInvalidRequests() {
        List<CreateTopicResult> results = join(fx.controller.createTopics(List.of(CreatableTopic.of("ok", 1, 1),
                CreatableTopic.of("dup", 1, 1), CreatableTopic.of("bad", 0, 1), CreatableTopic.of("dup", 1, 1)), false));
        assertThat(results).extracting(r -> r.error().error()).containsExactly(Errors.NONE, Errors.INVALID_REQUEST,
                Errors.INVALID_PARTITIONS, Errors.INVALID_REQUEST);
        assertThat(fx.image().topics().byName()).containsOnlyKeys("ok");
    }
}
