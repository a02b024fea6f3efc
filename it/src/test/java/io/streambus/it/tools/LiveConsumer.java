package io.streambus.it.tools;

import io.streambus.it.support.Clients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A real group member for the tools to look at: a {@link KafkaConsumer} subscribed to one topic, polling on its
 * own thread and committing after every non-empty poll, until closed (which leaves the group).
 *
 * <p>Threads: the consumer is used only by its polling thread; {@link #consumed()}, {@link #assignment()} and
 * {@link #close()} may be called from any thread.
 */
final class LiveConsumer implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicReference<Set<TopicPartition>> assignment = new AtomicReference<>(Set.of());
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    private LiveConsumer(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        this.consumer = consumer;
        this.thread = Thread.ofPlatform().name("live-consumer").daemon().start(() -> poll(topic));
    }

    /** @param protocol {@code classic} or {@code consumer} (KIP-848), as {@code group.protocol} takes it */
    static LiveConsumer start(String bootstrap, String group, String protocol, String clientId, String topic) {
        return new LiveConsumer(Clients.consumer(bootstrap, Map.of(ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol, ConsumerConfig.CLIENT_ID_CONFIG, clientId)), topic);
    }

    private void poll(String topic) {
        try (consumer) {
            consumer.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                assignment.set(Set.copyOf(consumer.assignment()));
                if (!records.isEmpty()) {
                    consumer.commitSync();
                    consumed.addAndGet(records.count());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    /** Records consumed and committed so far. */
    long consumed() {
        rethrow();
        return consumed.get();
    }

    Set<TopicPartition> assignment() {
        rethrow();
        return assignment.get();
    }

    private void rethrow() {
        if (failure.get() != null) {
            throw new IllegalStateException("the consumer failed", failure.get());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(Duration.ofSeconds(30));
        rethrow();
    }
}
