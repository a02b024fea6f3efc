package io.streambus.metadata.controller;

import static io.streambus.metadata.controller.ControllerFixture.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.metadata.controller.AlterConfigOp.OpType;
import io.streambus.metadata.record.ConfigResource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigChangesTest {

    private static final ConfigResource TOPIC = ConfigResource.topic("t");
    private static final ConfigResource CLUSTER = ConfigResource.clusterDefaultBroker();

    @TempDir
    Path dir;
    private ControllerFixture fx;

    @BeforeEach
    void start() {
        fx = new ControllerFixture(dir, Map.of(), 1);
        fx.create(CreatableTopic.of("t", 1, 1).withConfigs(Map.of("retention.ms", "100", "segment.ms", "5000")));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private ApiError incremental(ConfigResource resource, AlterConfigOp... ops) {
        return join(fx.controller.incrementalAlterConfigs(Map.of(resource, List.of(ops)), false)).get(resource);
    }

    private Map<String, String> topicConfigs() {
        return fx.image().configs().configs(TOPIC);
    }

    @Test
    void setAndDelete() {
        assertThat(incremental(TOPIC, AlterConfigOp.set("retention.ms", "200"), AlterConfigOp.delete("segment.ms")))
                .isEqualTo(ApiError.NONE);
        assertThat(topicConfigs()).isEqualTo(Map.of("retention.ms", "200"));
    }

    @Test
    void deletingAnUnknownKeyThatIsNotSetChangesNothing() {
        // What kafka-reassign-partitions --verify sends to clear replication throttles.
        assertThat(incremental(TOPIC, AlterConfigOp.delete("leader.replication.throttled.replicas"),
                AlterConfigOp.delete("segment.ms"))).isEqualTo(ApiError.NONE);
        assertThat(incremental(ConfigResource.broker("1"), AlterConfigOp.delete("leader.replication.throttled.rate")))
                .isEqualTo(ApiError.NONE);
        assertThat(topicConfigs()).isEqualTo(Map.of("retention.ms", "100"));
        assertThat(fx.image().configs().configs(ConfigResource.broker("1"))).isEmpty();
        assertThat(incremental(TOPIC, AlterConfigOp.set("leader.replication.throttled.replicas", "*")))
                .isEqualTo(ApiError.of(Errors.INVALID_CONFIG,
                        "Unknown topic config name: leader.replication.throttled.replicas"));
    }

    @Test
    void appendAndSubtractOnLists() {
        assertThat(incremental(TOPIC, new AlterConfigOp("cleanup.policy", OpType.APPEND, "compact")))
                .isEqualTo(ApiError.NONE);
        assertThat(topicConfigs()).containsEntry("cleanup.policy", "delete,compact");
        assertThat(incremental(TOPIC, new AlterConfigOp("cleanup.policy", OpType.SUBTRACT, "delete")))
                .isEqualTo(ApiError.NONE);
        assertThat(topicConfigs()).containsEntry("cleanup.policy", "compact");
        ApiError notList = incremental(TOPIC, new AlterConfigOp("retention.ms", OpType.APPEND, "1"));
        assertThat(notList).isEqualTo(ApiError.of(Errors.INVALID_CONFIG,
                "Config value append is not allowed for config key: retention.ms"));
        assertThat(incremental(TOPIC, new AlterConfigOp("cleanup.policy", OpType.SUBTRACT, "compact")).error())
                .isEqualTo(Errors.INVALID_CONFIG);
    }

    @Test
    void errorsLeaveTheResourceUnchanged() {
        assertThat(incremental(TOPIC, AlterConfigOp.set("retention.ms", "1"), AlterConfigOp.set("no.such", "1")))
                .isEqualTo(ApiError.of(Errors.INVALID_CONFIG, "Unknown topic config name: no.such"));
        assertThat(incremental(TOPIC, AlterConfigOp.set("segment.bytes", "abc")).message()).contains("segment.bytes");
        assertThat(incremental(TOPIC, AlterConfigOp.set("retention.ms", "1"), AlterConfigOp.delete("retention.ms"))
                .error()).isEqualTo(Errors.INVALID_REQUEST);
        assertThat(incremental(ConfigResource.topic("missing"), AlterConfigOp.set("retention.ms", "1")).error())
                .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(topicConfigs()).isEqualTo(Map.of("retention.ms", "100", "segment.ms", "5000"));
    }

    @Test
    void brokerResources() {
        assertThat(incremental(CLUSTER, AlterConfigOp.set("log.retention.ms", "1000"))).isEqualTo(ApiError.NONE);
        assertThat(incremental(ConfigResource.broker("1"), AlterConfigOp.set("num.partitions", "4")))
                .isEqualTo(ApiError.NONE);
        assertThat(fx.image().configs().configs(CLUSTER)).isEqualTo(Map.of("log.retention.ms", "1000"));
        assertThat(fx.create("defaults", -1, -1).numPartitions()).isEqualTo(4);
        assertThat(incremental(CLUSTER, AlterConfigOp.set("node.id", "3")).error()).isEqualTo(Errors.INVALID_CONFIG);
        assertThat(incremental(CLUSTER, AlterConfigOp.set("no.such", "3")).error()).isEqualTo(Errors.INVALID_CONFIG);
        assertThat(incremental(ConfigResource.broker("x"), AlterConfigOp.set("num.partitions", "3")).error())
                .isEqualTo(Errors.INVALID_REQUEST);
    }

    @Test
    void legacyAlterConfigsReplacesAllOverrides() {
        Map<ConfigResource, ApiError> results = join(fx.controller.alterConfigs(Map.of(TOPIC,
                Map.of("cleanup.policy", "compact")), false));
        assertThat(results.get(TOPIC)).isEqualTo(ApiError.NONE);
        assertThat(topicConfigs()).isEqualTo(Map.of("cleanup.policy", "compact"));
        assertThat(join(fx.controller.alterConfigs(Map.of(TOPIC, Map.of("cleanup.policy", "x")), false)).get(TOPIC)
                .error()).isEqualTo(Errors.INVALID_CONFIG);
        assertThat(topicConfigs()).isEqualTo(Map.of("cleanup.policy", "compact"));
    }

    @Test
    void validateOnlyWritesNothing() {
        long offset = fx.log.lastCommittedOffset();
        assertThat(join(fx.controller.incrementalAlterConfigs(Map.of(TOPIC,
                List.of(AlterConfigOp.set("retention.ms", "9"))), true)).get(TOPIC)).isEqualTo(ApiError.NONE);
        assertThat(join(fx.controller.alterConfigs(Map.of(TOPIC, Map.of()), true)).get(TOPIC)).isEqualTo(ApiError.NONE);
        assertThat(fx.log.lastCommittedOffset()).isEqualTo(offset);
        assertThat(topicConfigs()).containsEntry("retention.ms", "100");
    }
}
