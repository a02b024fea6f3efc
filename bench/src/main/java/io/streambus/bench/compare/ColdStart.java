package io.streambus.bench.compare;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Cold start: from the moment the broker process was launched until a producer's first record to a new
 * topic is acknowledged. That includes JVM start, the broker's own start-up, and creating the topic on
 * first use (both systems create topics automatically by default). The producer reconnects every
 * 10-50 ms while the port is closed, which bounds the measurement's resolution.
 *
 * <p>The probe sends from its own thread, so that the caller can give up as soon as the broker process
 * exits instead of waiting out the timeout.
 */
public final class ColdStart {

    public static final String TOPIC = "bench-cold-start";

    private ColdStart() {
    }

    /** Returns milliseconds from launch to the first acknowledged produce. */
    public static double measureMs(BrokerProcess broker, long timeoutMs) throws InterruptedException {
        var producer = new KafkaProducer<byte[], byte[]>(
                ClientConfigs.coldStartProducer(broker.bootstrapServers(), timeoutMs));
        CompletableFuture<Long> ackedAtNs = new CompletableFuture<>();
        Thread.ofPlatform().name("bench-cold-start").start(() -> {
            try {
                producer.send(new ProducerRecord<>(TOPIC, new byte[100])).get();
                ackedAtNs.complete(System.nanoTime());
            } catch (ExecutionException | RuntimeException | InterruptedException e) {
                ackedAtNs.completeExceptionally(e);
            }
        });
        try {
            CompletableFuture.anyOf(ackedAtNs, broker.onExit()).get(timeoutMs, TimeUnit.MILLISECONDS);
            if (!ackedAtNs.isDone()) {
                throw new WorkloadException("the broker process exited before acknowledging a produce; see "
                        + broker.consoleLog());
            }
            return (ackedAtNs.get() - broker.launchedAtNs()) / 1e6;
        } catch (ExecutionException | TimeoutException e) {
            throw new WorkloadException("no acknowledged produce within " + timeoutMs + " ms of launch", e);
        } finally {
            // Closing also releases a send still blocked on metadata.
            producer.close(Duration.ZERO);
        }
    }

    /** Loads the client classes once, so that the first measured cold start does not pay for the harness's. */
    public static void warmClientClasses() {
        var props = ClientConfigs.coldStartProducer("127.0.0.1:1", 1000);
        try (var producer = new KafkaProducer<byte[], byte[]>(props)) {
            producer.partitionsFor(TOPIC);
        } catch (RuntimeException expected) {
            // Nothing listens on port 1: the point was class loading, not the answer.
        }
    }
}
