package io.streambus.it.compat.driver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * An idempotent acks=all producer (lz4) writes COUNT keyed records over three partitions; a consumer in a
 * group (the classic protocol, or KIP-848's where the client has it) subscribes, reads every record once and
 * in order per partition, commits; the committed offsets read back through the consumer and through the
 * Admin client are the partitions' ends.
 */
final class ProduceConsumeScenario {

    private static final int PARTITIONS = 3;

    private final String bootstrap;

    ProduceConsumeScenario(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    String run(String topic, String group, int count, String groupProtocol) throws Exception {
        try (Admin admin = Admin.create(adminProps())) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
            Map<TopicPartition, Long> ends = produce(topic, count);
            consume(topic, group, count, groupProtocol, ends);

            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Check.equal(offsets(committed), ends, "group offsets through the Admin client");
            return "produced=" + count + " consumed=" + count + " committed=" + ends.values().stream()
                    .mapToLong(Long::longValue).sum();
        }
    }

    private Map<TopicPartition, Long> produce(String topic, int count) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        Map<TopicPartition, Long> nextOffset = new HashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sends.add(producer.send(new ProducerRecord<>(topic, i % PARTITIONS, "key-" + i, "value-" + i)));
            }
            for (Future<RecordMetadata> send : sends) {
                RecordMetadata metadata = send.get();
                TopicPartition partition = new TopicPartition(topic, metadata.partition());
                long expected = nextOffset.getOrDefault(partition, 0L);
                Check.equal(metadata.offset(), expected, "offset of the next record acknowledged on " + partition);
                nextOffset.put(partition, expected + 1);
            }
        }
        return nextOffset;
    }

    private void consume(String topic, String group, int count, String groupProtocol,
                         Map<TopicPartition, Long> ends) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        if (!groupProtocol.equals("classic")) {
            props.put("group.protocol", groupProtocol); // a string: the constant is missing before 3.7
        }
        Map<Integer, Integer> lastIndexByPartition = new HashMap<>();
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (keys.size() < count) {
                Check.isTrue(System.nanoTime() < deadline, "consumed " + keys.size() + " of " + count + " in 60 s");
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    int index = Integer.parseInt(record.key().substring("key-".length()));
                    Check.equal(record.value(), "value-" + index, "value of " + record.key());
                    Check.equal(record.partition(), index % PARTITIONS, "partition of " + record.key());
                    Integer previous = lastIndexByPartition.put(record.partition(), index);
                    Check.isTrue(previous == null || previous < index, "order in partition " + record.partition());
                    Check.isTrue(keys.add(record.key()), "first delivery of " + record.key());
                }
            }
            consumer.commitSync();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(ends.keySet());
            Check.equal(offsets(committed), ends, "committed offsets read back by the consumer");
        }
    }

    private static Map<TopicPartition, Long> offsets(Map<TopicPartition, OffsetAndMetadata> committed) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach((partition, offset) -> offsets.put(partition, offset == null ? null : offset.offset()));
        return offsets;
    }

    private Properties adminProps() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return props;
    }
}
