package io.streambus.bench.compare.rebalance;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One KafkaConsumer of the rebalance group, subscribed to the topic and polling continuously. It reports
 * its assignment (rebalance callbacks) and, per poll, the newest send time it received on each partition to
 * {@link PartitionOwnership}. Record values start with the producer's System.nanoTime() at send.
 *
 * <p>Threads: the consumer is created, polled and closed on the member's own platform thread (KafkaConsumer
 * is single-threaded; its rebalance callbacks run there too). Other threads only call {@link #depart} and
 * {@link #stop}, which set a volatile mode and wake the consumer up.
 */
final class GroupMember {

    private static final Logger LOG = LoggerFactory.getLogger(GroupMember.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    /** How the member ends. */
    enum Exit {
        /** close(): LeaveGroup (classic) or a leave heartbeat (consumer protocol). */
        LEAVE,
        /** close without leaving the group, as a crashed process looks to the coordinator. */
        CRASH,
        /** end of the workload: close() without measuring anything. */
        STOP
    }

    private final int id;
    private final Properties config;
    private final String topic;
    private final PartitionOwnership ownership;
    private final boolean measuredJoin;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Exit exit;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    /** @param measuredJoin whether this member's subscription starts a join event */
    GroupMember(int id, Properties config, String topic, PartitionOwnership ownership, boolean measuredJoin) {
        this.id = id;
        this.config = config;
        this.topic = topic;
        this.ownership = ownership;
        this.measuredJoin = measuredJoin;
    }

    int id() {
        return id;
    }

    void start() {
        thread = Thread.ofPlatform().name("bench-rebalance-member-" + id).start(this::run);
    }

    /** Leaves (or crashes, without telling the coordinator) now: the departure event starts here. */
    void depart(boolean crash) {
        ownership.startDeparture(id);
        wake(crash ? Exit.CRASH : Exit.LEAVE);
    }

    void stop() {
        wake(Exit.STOP);
    }

    /** Waits for the member's consumer to be closed; its failure, if it had one. */
    Throwable awaitClosed(long timeoutMs) throws InterruptedException {
        if (!closed.await(timeoutMs, TimeUnit.MILLISECONDS)) {
            thread.interrupt();
            return new IllegalStateException("member " + id + " did not close in " + timeoutMs + " ms");
        }
        return failure.get();
    }

    private void wake(Exit how) {
        exit = how;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void run() {
        KafkaConsumer<byte[], byte[]> c = null;
        try {
            c = new KafkaConsumer<>(config);
            consumer = c;
            if (measuredJoin) {
                ownership.startJoin(id); // the consumer exists; joining is subscribing and polling
            } else {
                ownership.register(id);
            }
            c.subscribe(List.of(topic), new Listener());
            while (exit == null) {
                try {
                    report(c.poll(POLL_TIMEOUT));
                } catch (WakeupException e) {
                    // exit is set: the loop ends
                }
            }
        } catch (RuntimeException e) {
            failure.set(e);
            LOG.warn("[rebalance member {}] failed: {}", id, e.toString());
        } finally {
            close(c);
            closed.countDown();
        }
    }

    private void report(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            long newestNs = Long.MIN_VALUE;
            for (var r : records.records(tp)) {
                newestNs = Math.max(newestNs, SteadyProducer.sentNs(r.value()));
            }
            ownership.delivered(id, tp.partition(), newestNs);
        }
    }

    private void close(KafkaConsumer<byte[], byte[]> c) {
        if (c == null) {
            return;
        }
        try {
            if (exit == Exit.CRASH) {
                c.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
            } else {
                c.close();
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            ownership.assigned(id, partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            ownership.revoked(id, partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            ownership.revoked(id, partitions);
        }
    }
}
