package io.streambus.bench.compare;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the workloads' topics with the Admin API (replication factor 1, broker defaults otherwise). */
final class Topics {

    private static final long TIMEOUT_MS = 60_000;

    private Topics() {
    }

    static void create(String bootstrapServers, List<NewTopic> topics) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(topics).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
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
