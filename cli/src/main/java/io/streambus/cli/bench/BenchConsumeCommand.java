package io.streambus.cli.bench;

import io.streambus.cli.CliContext;
import io.streambus.cli.support.OperatorCommand;
import io.streambus.cli.support.Session;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code streambus bench consume}: reads the topic from the beginning (no group) and measures throughput and
 * end-to-end latency (consume time minus the record's timestamp, so meaningful while a producer runs). Stops
 * at {@code --records}, {@code --duration}, or the end offsets seen at start.
 */
@Command(name = "consume", description = "Consume load: records/s, MB/s and end-to-end latency (now - record timestamp).")
final class BenchConsumeCommand extends OperatorCommand {

    @Mixin
    BenchOptions bench;

    BenchConsumeCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run(Session session) throws InterruptedException {
        var description = session.clients().awaitTopic(session.clients().admin().describeTopics(List.of(bench.topic))
                .topicNameValues().get(bench.topic), bench.topic);
        List<TopicPartition> partitions = description.partitions().stream()
                .map(p -> new TopicPartition(bench.topic, p.partition())).toList();
        long limit = bench.records != null ? bench.records : Long.MAX_VALUE;
        long deadlineNs = bench.duration == null ? Long.MAX_VALUE : System.nanoTime() + bench.duration.toNanos();
        BenchStats stats = new BenchStats();
        KafkaConsumer<byte[], byte[]> consumer = session.clients().consumer(Map.of(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000, ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20));
        long startNs = System.nanoTime();
        try (ProgressReporter progress = new ProgressReporter(stats, spec.commandLine().getErr(), bench.interval, startNs)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // With neither a count nor a duration: everything there at the start.
            Map<TopicPartition, Long> ends = bench.records == null && bench.duration == null
                    ? consumer.endOffsets(partitions) : Map.of();
            while (stats.records() < limit && System.nanoTime() < deadlineNs && !caughtUp(consumer, ends)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long latencyUs = (System.currentTimeMillis() - record.timestamp()) * 1_000;
                    stats.record(latencyUs, record.serializedValueSize() + Math.max(0, record.serializedKeySize()));
                    if (stats.records() >= limit) {
                        break;
                    }
                }
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
        session.output().pairs(stats.summary(bench.topic, System.nanoTime() - startNs));
        return 0;
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        if (ends.isEmpty()) {
            return false;
        }
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}
