package io.streambus.bench.compare;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer throughput: one consumer reads a topic from the beginning to the end offsets it had when it
 * started, as fast as it can. Partitions are assigned directly (no group). Runs on the caller's thread.
 */
public final class ConsumerThroughput {

    /** @param recordsPerSec records read per second; @param bytesPerSec value bytes read per second */
    public record Result(double recordsPerSec, double bytesPerSec, long records) {
    }

    private ConsumerThroughput() {
    }

    public static Result run(String bootstrapServers, String topic, int partitions, long timeoutMs) {
        List<TopicPartition> assignment = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(topic, p)).toList();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(ClientConfigs.consumer(bootstrapServers))) {
            consumer.assign(assignment);
            Map<TopicPartition, Long> end = consumer.endOffsets(assignment, Duration.ofMillis(timeoutMs));
            long target = end.values().stream().mapToLong(Long::longValue).sum();
            consumer.seekToBeginning(assignment);
            long records = 0;
            long bytes = 0;
            long startNs = System.nanoTime();
            long deadlineNs = startNs + timeoutMs * 1_000_000;
            while (records < target) {
                if (System.nanoTime() > deadlineNs) {
                    throw new WorkloadException("read " + records + " of " + target + " records of " + topic
                            + " in " + timeoutMs + " ms");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    records++;
                    bytes += r.serializedValueSize();
                }
            }
            double seconds = (System.nanoTime() - startNs) / 1e9;
            return new Result(records / seconds, bytes / seconds, records);
        }
    }
}
