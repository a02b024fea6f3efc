package io.streambus.bench.compare;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * End-to-end latency at a fixed rate, open loop: record i is due at {@code start + i / rate}, and it
 * carries that <em>intended</em> send time in its first 8 bytes. The consumer records
 * {@code receive time - intended send time}, so when the producer falls behind (a stalled send, a full
 * buffer) the delay counts against the broker's latency instead of silently thinning the load: no
 * coordinated omission. Both ends are in this JVM, so System.nanoTime() is one clock.
 *
 * <p>Threads: the caller's thread paces and sends; one consumer thread polls and owns the histogram
 * until it is joined.
 */
public final class EndToEndLatency {

    public static final String TOPIC = "bench-latency";
    private static final long HIGHEST_TRACKABLE_US = TimeUnit.MINUTES.toMicros(5);
    private static final long DRAIN_TIMEOUT_MS = 30_000;

    /**
     * @param histogramUs latencies of the measured window, microseconds
     * @param sentPerSec  the rate actually sent, over the whole run
     */
    public record Result(Histogram histogramUs, double sentPerSec) {
    }

    /**
     * @param ratePerSec  records per second
     * @param recordBytes value size (at least 8)
     * @param partitions  partitions of {@link #TOPIC}
     * @param warmupMs    sent but not recorded
     * @param measureMs   recorded
     */
    public record Spec(int ratePerSec, int recordBytes, int partitions, long warmupMs, long measureMs) {
        public Spec {
            if (recordBytes < Long.BYTES) {
                throw new IllegalArgumentException("latency records need at least 8 bytes for the send time");
            }
        }
    }

    private EndToEndLatency() {
    }

    public static Result run(String bootstrapServers, Spec spec) throws InterruptedException {
        long totalRecords = (spec.warmupMs() + spec.measureMs()) * spec.ratePerSec() / 1000;
        AtomicLong startNs = new AtomicLong(Long.MAX_VALUE);
        Histogram histogram = new Histogram(HIGHEST_TRACKABLE_US, 3);
        AtomicReference<Throwable> consumerFailure = new AtomicReference<>();
        CountDownLatch consumerReady = new CountDownLatch(1);
        Thread consumerThread = Thread.ofPlatform().name("bench-latency-consumer").start(() -> {
            try {
                consume(bootstrapServers, spec.partitions(), totalRecords, startNs, spec.warmupMs() * 1_000_000,
                        histogram, consumerReady);
            } catch (Throwable t) {
                consumerFailure.set(t);
                consumerReady.countDown();
            }
        });
        if (!consumerReady.await(60, TimeUnit.SECONDS) || consumerFailure.get() != null) {
            consumerThread.interrupt();
            throw new WorkloadException("latency consumer did not start", consumerFailure.get());
        }
        double sentPerSec;
        try {
            sentPerSec = sendOnSchedule(bootstrapServers, spec, totalRecords, startNs);
        } catch (WorkloadException e) {
            consumerThread.interrupt();
            throw e;
        }
        consumerThread.join(DRAIN_TIMEOUT_MS + 60_000);
        if (consumerThread.isAlive()) {
            consumerThread.interrupt();
            throw new WorkloadException("latency consumer did not finish");
        }
        if (consumerFailure.get() != null) {
            throw new WorkloadException("latency consumer failed", consumerFailure.get());
        }
        return new Result(histogram, sentPerSec);
    }

    /**
     * Sends record i at {@code start + i / rate}, stamped with that intended time; returns the rate
     * actually sent, below the asked one only if sends fell behind (the lateness is in the latencies).
     */
    private static double sendOnSchedule(String bootstrapServers, Spec spec, long totalRecords, AtomicLong startNs) {
        long intervalNs = 1_000_000_000L / spec.ratePerSec();
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        Callback onAck = (metadata, e) -> {
            if (e != null) {
                sendFailure.compareAndSet(null, e);
            }
        };
        byte[] value = new byte[spec.recordBytes()];
        long start;
        long end;
        try (var producer = new KafkaProducer<byte[], byte[]>(
                ClientConfigs.producer(bootstrapServers, "all", ClientConfigs.LATENCY_LINGER_MS))) {
            start = System.nanoTime();
            startNs.set(start);
            for (long i = 0; i < totalRecords && sendFailure.get() == null; i++) {
                long intendedNs = start + i * intervalNs;
                long waitNs;
                while ((waitNs = intendedNs - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(waitNs);
                }
                putLong(value, intendedNs); // send() copies the value into a batch before returning
                producer.send(new ProducerRecord<>(TOPIC, value), onAck);
            }
            end = System.nanoTime();
        }
        if (sendFailure.get() != null) {
            throw new WorkloadException("latency produce failed", sendFailure.get());
        }
        return totalRecords / ((end - start) / 1e9);
    }

    private static void consume(String bootstrapServers, int partitions, long totalRecords, AtomicLong startNs,
                                long measureStartOffsetNs, Histogram histogram, CountDownLatch ready) {
        List<TopicPartition> assignment = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(ClientConfigs.consumer(bootstrapServers))) {
            consumer.assign(assignment);
            consumer.seekToEnd(assignment);
            assignment.forEach(consumer::position); // resolve the end now, before any record is sent
            ready.countDown();
            long received = 0;
            long lastProgressNs = System.nanoTime();
            while (received < totalRecords) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    long nowNs = System.nanoTime();
                    long intendedNs = getLong(r.value());
                    if (intendedNs - startNs.get() >= measureStartOffsetNs) {
                        histogram.recordValue(Math.min(HIGHEST_TRACKABLE_US, (nowNs - intendedNs) / 1000));
                    }
                    received++;
                    lastProgressNs = nowNs;
                }
                if (System.nanoTime() - lastProgressNs > DRAIN_TIMEOUT_MS * 1_000_000) {
                    throw new WorkloadException("latency consumer received " + received + " of " + totalRecords
                            + " records; nothing new for " + DRAIN_TIMEOUT_MS + " ms");
                }
            }
        }
    }

    private static void putLong(byte[] b, long v) {
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
    }

    static long getLong(byte[] b) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }
}
