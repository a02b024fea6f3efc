package io.streambus.bench.compare.rebalance;

import io.streambus.bench.compare.ClientConfigs;
import io.streambus.bench.compare.WorkloadException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends small records to every partition of a topic, round robin, at a fixed rate, until closed. Each value
 * is the System.nanoTime() of its send() call, big-endian: a consumer in this JVM can tell whether a record
 * was produced after an event. A partition gets a record every {@code partitions / ratePerSec} seconds,
 * which bounds the resolution of the rebalance figures.
 *
 * <p>Threads: one platform thread owns the producer and paces the sends; {@link #close} stops and joins it.
 */
final class SteadyProducer implements AutoCloseable {

    static final int VALUE_BYTES = Long.BYTES;

    private final String bootstrapServers;
    private final String topic;
    private final int partitions;
    private final int ratePerSec;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;
    private Thread thread;

    SteadyProducer(String bootstrapServers, String topic, int partitions, int ratePerSec) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.partitions = partitions;
        this.ratePerSec = ratePerSec;
    }

    void start() {
        thread = Thread.ofPlatform().name("bench-rebalance-producer").start(this::run);
    }

    /** Stops sending; throws if a send failed, since a gap in the traffic would stretch the figures. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
        if (failure.get() != null) {
            throw new WorkloadException("rebalance producer failed", failure.get());
        }
    }

    private void run() {
        long intervalNs = 1_000_000_000L / ratePerSec;
        Callback onAck = (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        };
        byte[] value = new byte[VALUE_BYTES];
        try (var producer = new KafkaProducer<byte[], byte[]>(ClientConfigs.producer(bootstrapServers, "1",
                ClientConfigs.LATENCY_LINGER_MS))) {
            long start = System.nanoTime();
            for (long i = 0; running && failure.get() == null; i++) {
                long dueNs = start + i * intervalNs;
                long waitNs;
                while ((waitNs = dueNs - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(waitNs); // pacing, not waiting for a condition
                }
                putLong(value, System.nanoTime()); // send() copies the value into a batch before returning
                producer.send(new ProducerRecord<>(topic, (int) (i % partitions), null, value), onAck);
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    static long sentNs(byte[] value) {
        if (value == null || value.length < VALUE_BYTES) {
            return Long.MIN_VALUE; // the 1-byte record that checked the topic was writable
        }
        long v = 0;
        for (int i = 0; i < VALUE_BYTES; i++) {
            v = (v << 8) | (value[i] & 0xff);
        }
        return v;
    }

    private static void putLong(byte[] b, long v) {
        for (int i = VALUE_BYTES - 1; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
    }
}
