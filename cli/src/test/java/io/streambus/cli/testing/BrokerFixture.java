package io.streambus.cli.testing;

import io.streambus.broker.testing.TestBroker;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One in-process broker per test class, and direct Kafka-client helpers to set up state independently of
 * the commands under test.
 */
public final class BrokerFixture implements AutoCloseable {

    private final TestBroker broker;
    private final Admin admin;

    private BrokerFixture(TestBroker broker) {
        this.broker = broker;
        this.admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()));
    }

    /** A broker with its data in {@code dir} (a JUnit {@code @TempDir}), one partition per topic by default. */
    public static BrokerFixture start(Path dir) {
        return start(dir, Map.of());
    }

    /** A broker with extra static configs (Kafka names). */
    public static BrokerFixture start(Path dir, Map<String, String> configs) {
        Map<String, String> all = new java.util.HashMap<>(configs);
        all.putIfAbsent("num.partitions", "1");
        // Groups form at once: a consume with --group should not wait 3 s for more members.
        all.putIfAbsent("group.initial.rebalance.delay.ms", "0");
        return new BrokerFixture(TestBroker.start(dir, all));
    }

    public String bootstrap() {
        return broker.bootstrap();
    }

    public Admin admin() {
        return admin;
    }

    public void createTopic(String name, int partitions) throws Exception {
        admin.createTopics(java.util.List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    }

    /** Sends "key-i"/"value-i" records, i from 0, round-robin over the partitions by key hash. */
    public void produce(String topic, int count) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrap());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)).get();
            }
        }
    }

    @Override
    public void close() {
        admin.close();
        broker.close();
    }
}
