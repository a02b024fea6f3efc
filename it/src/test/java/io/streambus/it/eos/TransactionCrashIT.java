package io.streambus.it.eos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.it.support.BrokerProcess;
import io.streambus.it.support.Clients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker process is killed with SIGKILL while transactional producers run transactions, and restarted:
 * afterwards no transaction is left hanging (every partition's last stable offset reaches its end, the
 * coordinator lists none Ongoing or Prepare*), every transaction is all or nothing to read_committed, and
 * every transaction whose commit was acknowledged is there. Seeded ({@code -Dit.eos.seed=N}).
 */
class TransactionCrashIT {

    private static final int PRODUCERS = 3;
    private static final int RECORDS_PER_TXN = 10;
    private static final String TOPIC = "crash-txn";

    @TempDir
    Path workDir;

    @Test
    void noTransactionHangsAfterSigkillAndEveryOneIsAtomic() throws Exception {
        long seed = Long.getLong("it.eos.seed", System.nanoTime());
        System.out.println("TransactionCrashIT seed " + seed);
        Random random = new Random(seed);
        Path data = workDir.resolve("data");
        String[] settings = {"transaction.state.log.num.partitions=2", "offsets.topic.num.partitions=2",
                "transaction.abort.timed.out.transaction.cleanup.interval.ms=200"};
        Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        BrokerProcess broker = BrokerProcess.start(data, workDir.resolve("broker.out"), settings);
        try {
            try (Admin admin = admin(broker)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger commits = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            String bootstrap = broker.bootstrap();
            for (int p = 0; p < PRODUCERS; p++) {
                int producerIndex = p;
                threads.add(Thread.ofPlatform().start(() -> runTransactions(bootstrap, producerIndex, stop,
                        commits, acknowledged)));
            }
            int killAfter = 20 + random.nextInt(60);
            await().atMost(Duration.ofSeconds(60)).until(() -> commits.get() >= killAfter);
            broker.kill();
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
            broker = BrokerProcess.start(data, workDir.resolve("broker.out"), settings);
            BrokerProcess restarted = broker;
            try (Admin admin = admin(restarted)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> undecided(admin).isEmpty() && stable(admin));
            }
            Map<String, List<String>> byTxn = new HashMap<>();
            for (String value : ExactlyOnceIT.readCommitted(restarted.bootstrap(), TOPIC)) {
                byTxn.computeIfAbsent(value.substring(0, value.lastIndexOf('/')), k -> new ArrayList<>()).add(value);
            }
            byTxn.forEach((txn, values) -> assertThat(values).as("transaction %s, seed %d", txn, seed)
                    .hasSize(RECORDS_PER_TXN).doesNotHaveDuplicates());
            assertThat(byTxn.keySet()).as("seed %d", seed).containsAll(acknowledged);
        } finally {
            broker.close();
        }
    }

    /** One transactional producer committing transactions until stopped or the broker is gone. */
    private static void runTransactions(String bootstrap, int index, AtomicBoolean stop, AtomicInteger commits,
                                        Set<String> acknowledged) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "crash-producer-" + index);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 3_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        KafkaProducer<String, String> producer = new KafkaProducer<>(props);
        try {
            producer.initTransactions();
            for (int txn = 0; !stop.get(); txn++) {
                String id = "p" + index + "-t" + txn;
                producer.beginTransaction();
                for (int i = 0; i < RECORDS_PER_TXN; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, i % 3, id, id + "/" + i));
                }
                producer.commitTransaction();
                acknowledged.add(id);
                commits.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // The broker was killed under this producer: expected.
        } finally {
            producer.close(Duration.ZERO);
        }
    }

    private static Admin admin(BrokerProcess broker) {
        return Clients.admin(broker.bootstrap());
    }

    /** Transactions still Ongoing or in a Prepare state. */
    private static List<String> undecided(Admin admin) throws Exception {
        List<String> undecided = new ArrayList<>();
        for (TransactionListing listing : admin.listTransactions().all().get()) {
            String state = listing.state().toString();
            if (state.equals("Ongoing") || state.startsWith("Prepare")) {
                undecided.add(listing.transactionalId() + " " + state);
            }
        }
        return undecided;
    }

    /** Every partition's last stable offset equals its end: nothing is waiting for a marker. */
    private static boolean stable(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
        }
        var committed = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        var uncommitted = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
        Set<Boolean> equal = new HashSet<>();
        committed.forEach((tp, info) -> equal.add(info.offset() == uncommitted.get(tp).offset()));
        return !equal.contains(false);
    }
}
