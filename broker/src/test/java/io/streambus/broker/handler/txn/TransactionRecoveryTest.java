package io.streambus.broker.handler.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.broker.partition.Partition;
import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hung transactions are aborted by the coordinator; a broker restart leaves no transaction hanging. */
class TransactionRecoveryTest {

    @TempDir
    Path dataDir;

    private static Map<String, String> configs() {
        Map<String, String> configs = new HashMap<>(TxnClients.BROKER_CONFIGS);
        configs.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "100");
        return configs;
    }

    @Test
    void aTransactionPastItsTimeoutIsAbortedAndItsProducerFenced() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir, configs())) {
            TestTopics.create(broker, "hung", 1);
            Partition partition = TestTopics.partition(broker, "hung", 0);
            try (KafkaProducer<String, String> producer = TxnClients.producer(broker, "tx-hung",
                    Map.of(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 1_000))) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("hung", 0, "k", "never-committed"));
                producer.flush();
                assertThat(partition.lastStableOffset()).isZero();
                await().atMost(Duration.ofSeconds(15)).until(() -> "CompleteAbort".equals(state(broker, "tx-hung")));
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> partition.lastStableOffset() == partition.log().logEndOffset());
            } catch (org.apache.kafka.common.KafkaException closing) {
                // close() after fencing may report it; what matters is below.
            }
            assertThat(TxnClients.readAll(broker, "read_committed", List.of(new TopicPartition("hung", 0)))).isEmpty();
        }
    }

    @Test
    void restartInTheMiddleOfTransactionsLeavesNoneHanging() throws Exception {
        TestBroker broker = TestBroker.start(dataDir, configs());
        try {
            TestTopics.create(broker, "restart", 2);
            KafkaProducer<String, String> committed = TxnClients.producer(broker, "tx-committed", Map.of());
            KafkaProducer<String, String> open = TxnClients.producer(broker, "tx-open",
                    Map.of(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 2_000));
            committed.initTransactions();
            open.initTransactions();
            open.beginTransaction();
            open.send(new ProducerRecord<>("restart", 0, "k", "open"));
            open.send(new ProducerRecord<>("restart", 1, "k", "open"));
            open.flush();
            committed.beginTransaction();
            committed.send(new ProducerRecord<>("restart", 0, "k", "committed"));
            committed.send(new ProducerRecord<>("restart", 1, "k", "committed"));
            committed.commitTransaction(); // answered once PrepareCommit is durable: markers may still be in flight
            broker.restart();
            open.close(Duration.ZERO);
            committed.close(Duration.ZERO);
            for (int i = 0; i < 2; i++) {
                Partition partition = TestTopics.partition(broker, "restart", i);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> partition.lastStableOffset() == partition.log().logEndOffset());
            }
            List<TopicPartition> partitions = List.of(new TopicPartition("restart", 0),
                    new TopicPartition("restart", 1));
            assertThat(TxnClients.readAll(broker, "read_committed", partitions))
                    .containsExactly("committed", "committed");
            assertThat(state(broker, "tx-committed")).isEqualTo("CompleteCommit");
            assertThat(state(broker, "tx-open")).isEqualTo("CompleteAbort");
        } finally {
            broker.close();
        }
    }

    private static String state(TestBroker broker, String transactionalId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
            TransactionDescription description = admin.describeTransactions(List.of(transactionalId))
                    .description(transactionalId).get();
            return description.state().toString();
        }
    }
}
