package io.streambus.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.broker.partition.Partition;
import io.streambus.metadata.controller.CreatableTopic;
import io.streambus.metadata.controller.CreateTopicResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

/** Creates topics through the broker's controller and waits until the broker hosts their partitions. */
public final class TestTopics {

    private TestTopics() {
    }

    /** Creates {@code name} with {@code partitions} partitions and the given topic configs; returns its id. */
    public static Uuid create(TestBroker broker, String name, int partitions, Map<String, String> configs) {
        List<CreateTopicResult> results = broker.broker().services().controller()
                .createTopics(List.of(CreatableTopic.of(name, partitions, 1).withConfigs(configs)), false).join();
        assertThat(results.getFirst().error().isSuccess()).as("create %s: %s", name, results.getFirst().error()).isTrue();
        for (int i = 0; i < partitions; i++) {
            TopicPartition tp = new TopicPartition(name, i);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> broker.broker().services().partitions().partition(tp).isPresent());
        }
        return results.getFirst().topicId();
    }

    public static Uuid create(TestBroker broker, String name, int partitions) {
        return create(broker, name, partitions, Map.of());
    }

    public static Partition partition(TestBroker broker, String topic, int index) {
        return broker.broker().services().partitions().partition(new TopicPartition(topic, index)).orElseThrow();
    }
}
