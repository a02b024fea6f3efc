package io.streambus.cli.bench;

import io.streambus.cli.CliContext;
import io.streambus.cli.support.CliException;
import io.streambus.cli.support.OperatorCommand;
import io.streambus.cli.support.RatePacer;
import io.streambus.cli.support.Session;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code streambus bench produce}: sends fixed-size random records as fast as allowed and measures the
 * send-to-acknowledgement latency of each. The topic is created if missing. Exit 1 if any send failed.
 */
@Command(name = "produce", description = "Produce load: records/s, MB/s and acknowledgement latency percentiles.")
final class BenchProduceCommand extends OperatorCommand {

    private static final long DEFAULT_RECORDS = 1_000_000;

    @Mixin
    BenchOptions bench;

    @Option(names = {"-s", "--record-size"}, paramLabel = "BYTES", defaultValue = "1024",
            description = "Value size (default: ${DEFAULT-VALUE}).")
    int recordSize;

    @Option(names = "--rate", paramLabel = "N", description = "At most N records per second (default: unlimited).")
    double rate;

    @Option(names = "--acks", paramLabel = "ACKS", defaultValue = "all", description = "all, 1 or 0 (default: ${DEFAULT-VALUE}).")
    String acks;

    @Option(names = {"-z", "--compression"}, paramLabel = "CODEC", defaultValue = "none",
            description = "none, gzip, snappy, lz4, zstd (default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--batch-size", paramLabel = "BYTES", defaultValue = "65536", description = "Producer batch.size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--linger-ms", paramLabel = "MS", defaultValue = "5", description = "Producer linger.ms (default: ${DEFAULT-VALUE}).")
    int lingerMs;

    @Option(names = {"-p", "--partitions"}, paramLabel = "N", description = "Partitions if the topic is created (default: the broker's).")
    Integer partitions;

    BenchProduceCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run(Session session) throws InterruptedException {
        ensureTopic(session);
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.ACKS_CONFIG, acks);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, acks.equals("all") || acks.equals("-1"));
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        byte[] payload = new byte[recordSize];
        new SplittableRandom(42).nextBytes(payload);
        long limit = bench.records != null ? bench.records : bench.duration != null ? Long.MAX_VALUE : DEFAULT_RECORDS;
        long deadlineNs = bench.duration == null ? Long.MAX_VALUE : System.nanoTime() + bench.duration.toNanos();
        RatePacer pacer = new RatePacer(rate, System::nanoTime);
        BenchStats stats = new BenchStats();
        long startNs = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = session.clients().producer(config);
             ProgressReporter progress = new ProgressReporter(stats, spec.commandLine().getErr(), bench.interval, startNs)) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(bench.topic, payload);
            for (long sent = 0; sent < limit && System.nanoTime() < deadlineNs && stats.errors() == 0; sent++) {
                pacer.acquire();
                long sendNs = System.nanoTime();
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        stats.error(error);
                    } else {
                        stats.record((System.nanoTime() - sendNs) / 1_000, recordSize);
                    }
                });
            }
            producer.flush();
        }
        session.output().pairs(stats.summary(bench.topic, System.nanoTime() - startNs));
        if (stats.errors() > 0) {
            throw new CliException(stats.errors() + " send(s) failed; first: "
                    + session.clients().translate(stats.firstError()).getMessage(), stats.firstError());
        }
        return 0;
    }

    private void ensureTopic(Session session) {
        var admin = session.clients().admin();
        try {
            session.clients().await(admin.createTopics(List.of(new NewTopic(bench.topic,
                    Optional.ofNullable(partitions), Optional.empty()))).all());
        } catch (CliException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
