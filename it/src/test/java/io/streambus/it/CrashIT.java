package io.streambus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.it.support.BrokerProcess;
import io.streambus.it.support.Clients;
import io.streambus.it.support.RecordContent;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker process under {@code acks=all} load from an idempotent producer is killed with SIGKILL at a
 * random moment, three times over, and restarted on the same data directory each time: every record whose
 * send callback succeeded is there after the restart, intact and in order. Records sent but never
 * acknowledged may or may not be there; if they are, they are intact and in order too.
 *
 * <p>The moment of each kill is an acknowledged-record count drawn from a seeded {@link Random}; the seed
 * is printed and can be set with {@code -Dit.crash.seed=N} to repeat a run.
 */
class CrashIT {

    private static final String TOPIC = "crash";
    private static final int PARTITIONS = 2;
    private static final int ROUNDS = 3;
    private static final int SOAK_ROUNDS = 25;
    private static final int MAX_UNACKNOWLEDGED = 5_000;

    @TempDir
    Path workDir;
    private final RecordContent content = new RecordContent(1_650_000_000_000L);

    @Test
    void acknowledgedRecordsSurviveSigkill() throws Exception {
        killAndRestart(ROUNDS);
    }

    /** The same, for longer: {@code -Psoak}. */
    @Test
    @Tag("soak")
    void acknowledgedRecordsSurviveManySigkills() throws Exception {
        killAndRestart(SOAK_ROUNDS);
    }

    private void killAndRestart(int rounds) throws Exception {
        long seed = Long.getLong("it.crash.seed", System.nanoTime());
        System.out.println("CrashIT seed " + seed + " (repeat with -Dit.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        Path dataDir = workDir.resolve("data");
        Path output = workDir.resolve("broker.log");
        // acknowledged[p]: indexes acknowledged on partition p, in acknowledgement order (= send order).
        List<ConcurrentLinkedQueue<Long>> acknowledged = new ArrayList<>();
        long[] nextIndex = new long[PARTITIONS];
        for (int p = 0; p < PARTITIONS; p++) {
            acknowledged.add(new ConcurrentLinkedQueue<>());
        }

        BrokerProcess broker = BrokerProcess.start(dataDir, output);
        try {
            try (Admin admin = Clients.admin(broker.bootstrap())) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
            }
            for (int round = 1; round <= rounds; round++) {
                int killAfter = 5_000 + random.nextInt(50_000);
                runUntilKilled(broker, killAfter, nextIndex, acknowledged);
                broker = BrokerProcess.start(dataDir, output);
                checkLog(broker.bootstrap(), acknowledged, "after kill " + round + " (seed " + seed + ")");
            }
        } finally {
            broker.close();
        }
    }

    /** Produces until {@code killAfter} more records are acknowledged, then SIGKILLs the broker mid-stream. */
    private void runUntilKilled(BrokerProcess broker, int killAfter, long[] nextIndex,
                                List<ConcurrentLinkedQueue<Long>> acknowledged) throws InterruptedException {
        AtomicLong acknowledgedThisRound = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Semaphore unacknowledged = new Semaphore(MAX_UNACKNOWLEDGED);
        KafkaProducer<byte[], byte[]> producer = Clients.producer(broker.bootstrap(), Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 2, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000));
        Thread sender = Thread.ofPlatform().name("crash-producer").start(() -> {
            int partition = 0;
            while (!stop.get()) {
                try {
                    if (!unacknowledged.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                int p = partition;
                long index = nextIndex[p]++;
                producer.send(content.record(TOPIC, p, index), (metadata, e) -> {
                    unacknowledged.release();
                    if (e == null) {
                        acknowledged.get(p).add(index);
                        acknowledgedThisRound.incrementAndGet();
                    }
                });
                partition = (partition + 1) % PARTITIONS;
            }
        });
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledgedThisRound.get() >= killAfter);
            broker.kill();
        } finally {
            stop.set(true);
            sender.join();
            // Aborts what is still pending: those sends fail and are not counted as acknowledged.
            producer.close(Duration.ZERO);
        }
    }

    private void checkLog(String bootstrap, List<ConcurrentLinkedQueue<Long>> acknowledged, String when) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(TOPIC, p));
        }
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(bootstrap)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<List<Long>> expected = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                expected.add(new ArrayList<>(acknowledged.get(p)));
                assertThat(end.get(partitions.get(p))).as("log end of partition %d %s", p, when)
                        .isGreaterThanOrEqualTo(expected.get(p).size());
            }
            long[] lastIndex = new long[PARTITIONS];
            Arrays.fill(lastIndex, -1);
            int[] nextExpected = new int[PARTITIONS];
            long[] position = new long[PARTITIONS];
            while (positionsBehind(position, end, partitions)) {
                var records = consumer.poll(Duration.ofSeconds(5));
                assertThat(records.isEmpty()).as("records stopped at %s of %s %s",
                        Arrays.toString(position), end, when).isFalse();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    int p = record.partition();
                    assertThat(record.offset()).as("offsets of partition %d are dense %s", p, when)
                            .isEqualTo(position[p]);
                    position[p] = record.offset() + 1;
                    long index = indexOf(record);
                    assertThat(index).as("order on partition %d %s", p, when).isGreaterThan(lastIndex[p]);
                    lastIndex[p] = index;
                    content.assertMatches(record, index);
                    List<Long> acked = expected.get(p);
                    if (nextExpected[p] < acked.size() && acked.get(nextExpected[p]) == index) {
                        nextExpected[p]++;
                    }
                    assertThat(nextExpected[p] >= acked.size() || acked.get(nextExpected[p]) > index)
                            .as("acknowledged index %s of partition %d is missing %s",
                                    nextExpected[p] < acked.size() ? acked.get(nextExpected[p]) : null, p, when)
                            .isTrue();
                }
            }
            for (int p = 0; p < PARTITIONS; p++) {
                assertThat(nextExpected[p]).as("acknowledged records found on partition %d %s", p, when)
                        .isEqualTo(expected.get(p).size());
            }
            System.out.println("CrashIT " + when + ": acknowledged " + expected.get(0).size() + "/"
                    + expected.get(1).size() + ", log ends " + end.values());
        }
    }

    private static boolean positionsBehind(long[] position, Map<TopicPartition, Long> end,
                                           List<TopicPartition> partitions) {
        for (int p = 0; p < partitions.size(); p++) {
            if (position[p] < end.get(partitions.get(p))) {
                return true;
            }
        }
        return false;
    }

    private static long indexOf(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(RecordContent.INDEX_HEADER);
        assertThat(header).as("index header at offset %d", record.offset()).isNotNull();
        return ByteBuffer.wrap(header.value()).getLong();
    }
}
