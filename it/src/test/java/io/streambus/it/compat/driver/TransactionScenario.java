package io.streambus.it.compat.driver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A transactional producer commits ten records, aborts five, then commits three together with a group
 * offset (sendOffsetsToTransaction). A read_committed consumer sees exactly the thirteen committed records,
 * a read_uncommitted one sees all eighteen, and the group's offset is the one sent in the transaction.
 */
final class TransactionScenario {

    private static final long OFFSET_IN_TRANSACTION = 7;

    private final String bootstrap;

    TransactionScenario(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    String run(String topic, String group) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(adminProps)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(topic + "-tx"))) {
                producer.initTransactions();
                transaction(producer, topic, "committed-a", 10);
                producer.commitTransaction();
                transaction(producer, topic, "aborted", 5);
                producer.abortTransaction();
                transaction(producer, topic, "committed-b", 3);
                producer.sendOffsetsToTransaction(Map.of(partition, new OffsetAndMetadata(OFFSET_IN_TRANSACTION)),
                        new ConsumerGroupMetadata(group));
                producer.commitTransaction();
            }
            List<String> committed = read(partition, "read_committed");
            Check.equal(committed.size(), 13, "records a read_committed consumer sees");
            Check.isTrue(committed.stream().noneMatch(value -> value.startsWith("aborted")),
                    "no aborted record reaches read_committed: " + committed);
            Check.equal(committed.get(10), "committed-b-0", "first record of the third transaction");
            Check.equal(read(partition, "read_uncommitted").size(), 18, "records a read_uncommitted consumer sees");

            OffsetAndMetadata groupOffset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get().get(partition);
            Check.equal(groupOffset == null ? null : groupOffset.offset(), OFFSET_IN_TRANSACTION,
                    "group offset committed in the transaction");
            return "committed=" + committed.size() + " groupOffset=" + groupOffset.offset();
        }
    }

    private static void transaction(KafkaProducer<String, String> producer, String topic, String prefix, int count) {
        producer.beginTransaction();
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(topic, 0, prefix, prefix + "-" + i));
        }
        producer.flush();
    }

    private List<String> read(TopicPartition partition, String isolation) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end) {
                Check.isTrue(System.nanoTime() < deadline, isolation + " consumer stuck at "
                        + consumer.position(partition) + " of " + end);
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private Properties producerProps(String transactionalId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }
}
