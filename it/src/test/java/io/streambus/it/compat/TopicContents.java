package io.streambus.it.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.it.support.Clients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a whole topic with the Java client, in assign mode, to check what another client wrote. */
final class TopicContents {

    private TopicContents() {
    }

    /** Key → value of every record in the topic; fails if a key appears twice (a duplicated write). */
    static Map<String, String> read(String bootstrap, String topic, int partitions) {
        List<TopicPartition> assignment = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            assignment.add(new TopicPartition(topic, p));
        }
        Map<String, String> records = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(bootstrap)) {
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            Map<TopicPartition, Long> end = consumer.endOffsets(assignment);
            while (assignment.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    String previous = records.put(key, new String(record.value(), StandardCharsets.UTF_8));
                    assertThat(previous).as("record %s is in the log twice", key).isNull();
                }
            }
        }
        return records;
    }
}
