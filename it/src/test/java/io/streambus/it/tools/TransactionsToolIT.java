package io.streambus.it.tools;

import static io.streambus.it.tools.ToolOutput.lines;
import static io.streambus.it.tools.ToolOutput.ok;
import static io.streambus.it.tools.ToolOutput.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.it.support.Clients;
import io.streambus.it.support.InProcessBroker;
import io.streambus.it.support.KafkaTool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.tools.TransactionsCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Kafka's {@code kafka-transactions} ({@link TransactionsCommand}, unmodified, in-process) against a
 * StreamBus node, with real transactions of a {@link KafkaProducer}: list, describe, describe-producers,
 * find-hanging, and abort of a transaction left open, after which a read_committed consumer reads past it.
 */
class TransactionsToolIT {

    @TempDir
    static Path workDir;
    static InProcessBroker broker;
    static Admin admin;

    @BeforeAll
    static void start() {
        broker = InProcessBroker.start(workDir.resolve("data"));
        admin = Clients.admin(broker.bootstrap());
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static KafkaTool.Result transactions(String... args) throws Exception {
        return KafkaTool.run(TransactionsCommand::main, ToolOutput.withBootstrap(broker.bootstrap(), args));
    }

    private static void createTopic(String topic) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }

    /** A transactional producer that has begun a transaction and written {@code records} to partition 0. */
    private static KafkaProducer<byte[], byte[]> openTransaction(String transactionalId, String topic, int records)
            throws Exception {
        KafkaProducer<byte[], byte[]> producer = Clients.producer(broker.bootstrap(),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId));
        producer.initTransactions();
        producer.beginTransaction();
        for (int i = 0; i < records; i++) {
            producer.send(new ProducerRecord<>(topic, 0, null, ("txn-" + i).getBytes())).get();
        }
        return producer;
    }

    private static ProducerState producerState(TopicPartition partition) throws Exception {
        return admin.describeProducers(List.of(partition)).partitionResult(partition).get().activeProducers()
                .getFirst();
    }

    @Test
    void listDescribeAndDescribeProducersShowAnOngoingThenACommittedTransaction() throws Exception {
        createTopic("described");
        TopicPartition partition = new TopicPartition("described", 0);
        try (KafkaProducer<byte[], byte[]> producer = openTransaction("described-txn", "described", 2)) {
            ProducerState state = producerState(partition);
            String producerId = Long.toString(state.producerId());
            String epoch = Integer.toString(state.producerEpoch());

            String list = ok(transactions("list"));
            assertThat(rows(list, "TransactionalId")).containsExactly(
                    List.of("TransactionalId", "Coordinator", "ProducerId", "TransactionState"));
            assertThat(rows(list, "described-txn")).containsExactly(List.of("described-txn", "1", producerId, "Ongoing"));

            String describe = ok(transactions("describe", "--transactional-id", "described-txn"));
            assertThat(rows(describe, "CoordinatorId")).containsExactly(List.of("CoordinatorId", "TransactionalId",
                    "ProducerId", "ProducerEpoch", "TransactionState", "TransactionTimeoutMs",
                    "CurrentTransactionStartTimeMs", "TransactionDurationMs", "TopicPartitions"));
            assertThat(rows(describe, "1")).singleElement().satisfies(row -> {
                assertThat(row.subList(0, 6)).containsExactly("1", "described-txn", producerId, epoch, "Ongoing",
                        "60000");
                assertThat(Long.parseLong(row.get(6))).isPositive();
                assertThat(Long.parseLong(row.get(7))).isNotNegative();
                assertThat(row.get(8)).isEqualTo("described-0");
            });

            String producers = ok(transactions("describe-producers", "--topic", "described", "--partition", "0"));
            assertThat(rows(producers, "ProducerId")).containsExactly(List.of("ProducerId", "ProducerEpoch",
                    "LatestCoordinatorEpoch", "LastSequence", "LastTimestamp", "CurrentTransactionStartOffset"));
            assertThat(rows(producers, producerId)).singleElement().satisfies(row -> {
                assertThat(row.get(1)).isEqualTo(epoch);
                assertThat(row.get(3)).isEqualTo("1");
                assertThat(Long.parseLong(row.get(4))).isPositive();
                assertThat(row.get(5)).isEqualTo("0");
            });

            producer.commitTransaction();
            await().atMost(Duration.ofSeconds(15)).until(() -> rows(ok(transactions("list")), "described-txn")
                    .equals(List.of(List.of("described-txn", "1", producerId, "CompleteCommit"))));
            assertThat(rows(ok(transactions("describe", "--transactional-id", "described-txn")), "1"))
                    // No partitions: the last cell is empty.
                    .singleElement().satisfies(row -> assertThat(row.subList(4, row.size()))
                            .containsExactly("CompleteCommit", "60000", "None", "None"));
            assertThat(rows(ok(transactions("describe-producers", "--topic", "described", "--partition", "0")),
                    producerId)).singleElement().satisfies(row -> assertThat(row.get(5)).isEqualTo("None"));
        }
    }

    @Test
    void describingATransactionalIdThatDoesNotExistFailsWithKafkasMessage() throws Exception {
        KafkaTool.Result result = transactions("describe", "--transactional-id", "no-such-txn");

        assertThat(result.exitCode()).isEqualTo(1);
        // The middle part is the message kafka-clients' Admin gives TRANSACTIONAL_ID_NOT_FOUND.
        assertThat(lines(result.err())).containsExactly("Failed to describe transaction state of transactional-id "
                + "`no-such-txn`: DescribeTransactions request for transactionalId `no-such-txn` failed because the "
                + "ID could not be found. Enable debug logging for additional detail.");
    }

    @Test
    void aTransactionTheCoordinatorKnowsIsNotHanging() throws Exception {
        createTopic("not-hanging");
        try (KafkaProducer<byte[], byte[]> producer = openTransaction("not-hanging-txn", "not-hanging", 1)) {
            // A timeout of 0 minutes makes every open transaction a candidate; the coordinator still lists this
            // one's partition, so it is not hanging.
            for (String[] scope : List.of(new String[] {"--broker-id", "1"},
                    new String[] {"--topic", "not-hanging", "--partition", "0"})) {
                List<String> args = new ArrayList<>(List.of("find-hanging", "--max-transaction-timeout", "0"));
                args.addAll(List.of(scope));
                String out = ok(transactions(args.toArray(String[]::new)));
                assertThat(lines(out)).containsExactly(String.join("\t", "Topic", "Partition", "ProducerId",
                        "ProducerEpoch", "CoordinatorEpoch", "StartOffset", "LastTimestamp", "Duration(min)"));
            }
            producer.abortTransaction();
        }
        assertThat(lines(ok(transactions("find-hanging", "--broker-id", "1")))).hasSize(1);
    }

    @Test
    void findHangingNeedsABrokerOrATopic() throws Exception {
        KafkaTool.Result result = transactions("find-hanging");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(lines(result.err())).containsExactly("The `find-hanging` command requires either --topic "
                + "or --broker-id to limit the scope of the search");
    }

    @Test
    void abortingAnOpenTransactionByItsStartOffsetLetsReadCommittedConsumersPass() throws Exception {
        createTopic("aborted");
        TopicPartition partition = new TopicPartition("aborted", 0);
        try (KafkaProducer<byte[], byte[]> transactional = openTransaction("aborted-txn", "aborted", 3);
             KafkaProducer<byte[], byte[]> plain = Clients.producer(broker.bootstrap());
             KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(broker.bootstrap(),
                     Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            plain.send(new ProducerRecord<>("aborted", 0, null, "after".getBytes())).get();
            consumer.assign(List.of(partition));
            // The open transaction holds the last stable offset at its first offset.
            assertThat(consumer.endOffsets(List.of(partition))).containsEntry(partition, 0L);
            assertThat(producerState(partition).currentTransactionStartOffset()).hasValue(0);

            KafkaTool.Result wrongOffset = transactions("abort", "--topic", "aborted", "--partition", "0",
                    "--start-offset", "1");
            assertThat(wrongOffset.exitCode()).isEqualTo(1);
            assertThat(lines(wrongOffset.err())).containsExactly(
                    "Could not find any open transactions starting at offset 1 on partition aborted-0");

            assertThat(lines(ok(transactions("abort", "--topic", "aborted", "--partition", "0", "--start-offset",
                    "0")))).isEmpty();

            // Three aborted records, the plain one, then the abort marker.
            assertThat(consumer.endOffsets(List.of(partition))).containsEntry(partition, 5L);
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    values.add(new String(record.value()));
                }
                return consumer.position(partition) == 5;
            });
            assertThat(values).containsExactly("after");
            String producers = ok(transactions("describe-producers", "--topic", "aborted", "--partition", "0"));
            assertThat(rows(producers, Long.toString(producerState(partition).producerId()))).singleElement()
                    .satisfies(row -> assertThat(row.get(5)).isEqualTo("None"));
            transactional.close(Duration.ZERO);
        }
    }
}
