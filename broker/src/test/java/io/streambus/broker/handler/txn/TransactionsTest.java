package io.streambus.broker.handler.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transactional producers and read_committed consumers of kafka-clients against a real broker. */
class TransactionsTest {

    @TempDir
    static Path dataDir;
    static TestBroker broker;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(dataDir, TxnClients.BROKER_CONFIGS);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void committedIsVisibleToReadCommittedAndAbortedOnlyToReadUncommitted() {
        TestTopics.create(broker, "commit-abort", 2);
        List<TopicPartition> partitions = List.of(new TopicPartition("commit-abort", 0),
                new TopicPartition("commit-abort", 1));
        try (KafkaProducer<String, String> producer = TxnClients.producer(broker, "tx-commit-abort", Map.of())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("commit-abort", i % 2, "k", "committed-" + i));
            }
            producer.commitTransaction();
            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("commit-abort", i % 2, "k", "aborted-" + i));
            }
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("commit-abort", 0, "k", "last"));
            producer.commitTransaction();
        }
        List<String> committed = TxnClients.readAll(broker, "read_committed", partitions);
        assertThat(committed).hasSize(11).allMatch(v -> v.startsWith("committed-") || v.equals("last"));
        List<String> uncommitted = TxnClients.readAll(broker, "read_uncommitted", partitions);
        assertThat(uncommitted).hasSize(21).filteredOn(v -> v.startsWith("aborted-")).hasSize(10);
    }

    @Test
    void openTransactionHoldsTheLastStableOffset() throws Exception {
        TestTopics.create(broker, "open", 1);
        List<TopicPartition> partitions = List.of(new TopicPartition("open", 0));
        try (KafkaProducer<String, String> producer = TxnClients.producer(broker, "tx-open", Map.of())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("open", 0, "k", "pending"));
            producer.flush();
            assertThat(TxnClients.readAll(broker, "read_committed", partitions)).isEmpty();
            assertThat(TxnClients.readAll(broker, "read_uncommitted", partitions)).containsExactly("pending");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
                List<ProducerState> producers = admin.describeProducers(partitions).partitionResult(partitions.getFirst())
                        .get().activeProducers();
                assertThat(producers).singleElement().satisfies(p ->
                        assertThat(p.currentTransactionStartOffset()).hasValue(0L));
            }
            producer.commitTransaction();
        }
        assertThat(TxnClients.readAll(broker, "read_committed", partitions)).containsExactly("pending");
    }

    @Test
    void interleavedTransactionsOnTheSamePartitions() {
        TestTopics.create(broker, "interleaved", 2);
        List<TopicPartition> partitions = List.of(new TopicPartition("interleaved", 0),
                new TopicPartition("interleaved", 1));
        try (KafkaProducer<String, String> a = TxnClients.producer(broker, "tx-a", Map.of());
             KafkaProducer<String, String> b = TxnClients.producer(broker, "tx-b", Map.of())) {
            a.initTransactions();
            b.initTransactions();
            for (int round = 0; round < 5; round++) {
                a.beginTransaction();
                b.beginTransaction();
                for (int i = 0; i < 4; i++) {
                    a.send(new ProducerRecord<>("interleaved", i % 2, "k", "a-" + round + "-" + i));
                    b.send(new ProducerRecord<>("interleaved", i % 2, "k", "b-" + round + "-" + i));
                    a.flush();
                    b.flush();
                }
                a.commitTransaction();
                b.abortTransaction();
            }
        }
        List<String> committed = TxnClients.readAll(broker, "read_committed", partitions);
        assertThat(committed).hasSize(20).allMatch(v -> v.startsWith("a-"));
        assertThat(TxnClients.readAll(broker, "read_uncommitted", partitions)).hasSize(40);
    }

    @Test
    void aNewProducerWithTheSameIdFencesTheOldOneAndAbortsItsTransaction() {
        TestTopics.create(broker, "zombie", 1);
        List<TopicPartition> partitions = List.of(new TopicPartition("zombie", 0));
        try (KafkaProducer<String, String> old = TxnClients.producer(broker, "tx-zombie", Map.of())) {
            old.initTransactions();
            old.beginTransaction();
            old.send(new ProducerRecord<>("zombie", 0, "k", "zombie-write"));
            old.flush();
            try (KafkaProducer<String, String> fresh = TxnClients.producer(broker, "tx-zombie", Map.of())) {
                fresh.initTransactions(); // aborts the old one's transaction, bumping the epoch
                fresh.beginTransaction();
                fresh.send(new ProducerRecord<>("zombie", 0, "k", "fresh-write"));
                fresh.commitTransaction();
            }
            // The zombie's next write is refused at the partition (the abort marker carried the new epoch)...
            assertThatThrownBy(() -> old.send(new ProducerRecord<>("zombie", 0, "k", "zombie-again")).get())
                    .hasRootCauseInstanceOf(InvalidProducerEpochException.class);
            // ...and its coordinator calls tell it it is fenced.
            assertThatThrownBy(old::abortTransaction).isInstanceOf(ProducerFencedException.class);
        } catch (ProducerFencedException expected) {
            // close() of a fenced producer may rethrow; the assertions above are what matter.
        }
        assertThat(TxnClients.readAll(broker, "read_committed", partitions)).containsExactly("fresh-write");
    }
}
