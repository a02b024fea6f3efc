package io.streambus.bench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Creates the workloads' topics with the Admin API (replication factor 1, broker defaults otherwise) and
 * waits until every partition takes writes. A created topic's leader may not accept produces for a moment
 * (Kafka answers NOT_LEADER_OR_FOLLOWER until its replica manager catches up); without the wait, that
 * moment would land in the first workload's figures.
 */
final class Topics {

    private static final long TIMEOUT_MS = 60_000;

    private Topics() {
    }

    static void createAndAwaitWritable(String bootstrapServers, List<NewTopic> topics) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props);
             var producer = new KafkaProducer<byte[], byte[]>(ClientConfigs.producer(bootstrapServers, "1", 0))) {
            admin.createTopics(topics).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            // One 1-byte record per partition; consumers count it like any other record.
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (NewTopic t : topics) {
                for (int p = 0; p < t.numPartitions(); p++) {
                    acks.add(producer.send(new ProducerRecord<>(t.name(), p, null, new byte[1])));
                }
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new WorkloadException("creating topics failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkloadException("interrupted while creating topics", e);
        }
    }

    static NewTopic topic(String name, int partitions) {
        return new NewTopic(name, partitions, (short) 1);
    }
}
