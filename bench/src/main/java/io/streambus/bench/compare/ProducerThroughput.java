package io.streambus.bench.compare;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Closed-loop producer throughput: one producer sends as fast as its buffer allows for a warm-up, then
 * for a measured window; the rate is the records <em>acknowledged</em> in that window, so what counts is
 * what the broker took, not what the client queued. Runs on the caller's thread (the producer has its own
 * I/O thread; callbacks run there and only touch atomics).
 */
public final class ProducerThroughput {

    /**
     * @param recordsPerSec acknowledged records per second in the measured window
     * @param bytesPerSec   the same in value bytes
     * @param ackedRecords  records acknowledged over the whole run, warm-up included
     * @param ackedBytes    the same in value bytes
     */
    public record Result(double recordsPerSec, double bytesPerSec, long ackedRecords, long ackedBytes) {
    }

    private ProducerThroughput() {
    }

    public static Result run(String bootstrapServers, ProduceSpec spec, long warmupMs, long measureMs) {
        byte[] value = new byte[spec.recordBytes()];
        new Random(spec.recordBytes()).nextBytes(value); // incompressible, though compression is off
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Callback callback = (metadata, e) -> {
            if (e == null) {
                acked.incrementAndGet();
            } else {
                failure.compareAndSet(null, e);
            }
        };
        try (var producer = new KafkaProducer<byte[], byte[]>(
                ClientConfigs.producer(bootstrapServers, spec.acks(), ClientConfigs.LINGER_MS))) {
            // The same record object is sent over and over: send() copies the value into a batch at once.
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(spec.topic(), value);
            long startNs = System.nanoTime();
            long measureStartNs = startNs + warmupMs * 1_000_000;
            long endNs = measureStartNs + measureMs * 1_000_000;
            long ackedAtMeasureStart = -1;
            long nowNs;
            while ((nowNs = System.nanoTime()) < endNs) {
                if (ackedAtMeasureStart < 0 && nowNs >= measureStartNs) {
                    ackedAtMeasureStart = acked.get();
                    measureStartNs = nowNs;
                }
                producer.send(record, callback);
                if (failure.get() != null) {
                    throw new WorkloadException("produce to " + spec.topic() + " failed", failure.get());
                }
            }
            long ackedInWindow = acked.get() - Math.max(0, ackedAtMeasureStart);
            double seconds = (nowNs - measureStartNs) / 1e9;
            producer.flush();
            if (failure.get() != null) {
                throw new WorkloadException("produce to " + spec.topic() + " failed", failure.get());
            }
            double recordsPerSec = ackedInWindow / seconds;
            return new Result(recordsPerSec, recordsPerSec * spec.recordBytes(), acked.get(),
                    acked.get() * spec.recordBytes());
        }
    }
}
