package io.streambus.bench.compare;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer throughput: one consumer reads the newest records of a topic, up to the end offsets it had
 * when it started, as fast as it can. Partitions are assigned directly (no group). Runs on the caller's
 * thread.
 *
 * <p>Both systems are read over the same number of records: the faster producer writes more, and reading
 * all of it would measure how much of a larger data set the page cache still holds, not the read path.
 */
public final class ConsumerThroughput {

    /** @param recordsPerSec records read per second; @param bytesPerSec value bytes read per second */
    public record Result(double recordsPerSec, double bytesPerSec, long records) {
    }

    private ConsumerThroughput() {
    }

    /** Reads at most {@code maxRecords}: the newest, an equal share from each partition. */
    public static Result run(String bootstrapServers, String topic, int partitions, long maxRecords, long timeoutMs) {
        List<TopicPartition> assignment = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(topic, p)).toList();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(ClientConfigs.consumer(bootstrapServers))) {
            consumer.assign(assignment);
            Map<TopicPartition, Long> end = consumer.endOffsets(assignment, Duration.ofMillis(timeoutMs));
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(assignment, Duration.ofMillis(timeoutMs));
            long perPartition = Math.max(1, maxRecords / partitions);
            long target = 0;
            for (TopicPartition tp : assignment) {
                long from = Math.max(begin.get(tp), end.get(tp) - perPartition);
                consumer.seek(tp, from);
                target += end.get(tp) - from;
            }
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
