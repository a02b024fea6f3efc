package io.streambus.bench.compare;

import java.util.Properties;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Transactional produce: one transactional producer runs transactions of {@link Spec#recordsPerTxn()}
 * records back to back (begin, send, commit) for a warm-up and a measured window. Reports committed
 * records per second and the latency of {@code commitTransaction()} (flush of the last batches, EndTxn,
 * and the coordinator's PrepareCommit), which is what an exactly-once application waits for per
 * transaction. Runs on the caller's thread.
 */
public final class TransactionalProduce {

    public static final String TOPIC = "bench-txn";
    private static final long HIGHEST_TRACKABLE_US = 60_000_000;

    /**
     * @param recordsPerTxn records per transaction
     * @param recordBytes   value size
     * @param partitions    partitions of the topic; records spread over all, so every commit writes that many markers
     * @param warmupMs      transactions before the measured window
     * @param measureMs     the measured window
     */
    public record Spec(int recordsPerTxn, int recordBytes, int partitions, long warmupMs, long measureMs) {
    }

    /**
     * @param recordsPerSec committed records per second in the measured window
     * @param commitUs      commitTransaction() latency of the measured transactions, in µs
     */
    public record Result(double recordsPerSec, Histogram commitUs) {
    }

    private TransactionalProduce() {
    }

    public static Result run(String bootstrapServers, Spec spec) {
        byte[] value = new byte[spec.recordBytes()];
        new Random(spec.recordBytes()).nextBytes(value);
        Properties props = ClientConfigs.producer(bootstrapServers, "all", ClientConfigs.LINGER_MS);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-txn-producer");
        Histogram histogram = new Histogram(HIGHEST_TRACKABLE_US, 3);
        try (var producer = new KafkaProducer<byte[], byte[]>(props)) {
            producer.initTransactions();
            long startNs = System.nanoTime();
            long measureStartNs = startNs + spec.warmupMs() * 1_000_000;
            long endNs = measureStartNs + spec.measureMs() * 1_000_000;
            long committed = 0;
            long windowStartNs = -1;
            long nowNs;
            while ((nowNs = System.nanoTime()) < endNs) {
                if (windowStartNs < 0 && nowNs >= measureStartNs) {
                    windowStartNs = nowNs;
                }
                producer.beginTransaction();
                for (int i = 0; i < spec.recordsPerTxn(); i++) {
                    producer.send(new ProducerRecord<>(TOPIC, i % spec.partitions(), null, value));
                }
                long commitStartNs = System.nanoTime();
                producer.commitTransaction();
                if (windowStartNs >= 0) {
                    histogram.recordValue(Math.min(HIGHEST_TRACKABLE_US, (System.nanoTime() - commitStartNs) / 1_000));
                    committed += spec.recordsPerTxn();
                }
            }
            double seconds = (nowNs - Math.max(windowStartNs, measureStartNs)) / 1e9;
            return new Result(committed / Math.max(seconds, 1e-9), histogram);
        } catch (KafkaException e) {
            throw new WorkloadException("transactional produce to " + TOPIC + " failed", e);
        }
    }
}
