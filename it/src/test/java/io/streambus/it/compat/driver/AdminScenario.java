package io.streambus.it.compat.driver;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The Admin client's topic and config life cycle: create with a config, list, describe, describe and alter
 * configs (incremental), grow the partition count, refuse a duplicate and a bad config, delete.
 */
final class AdminScenario {

    private final String bootstrap;

    AdminScenario(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    String run(String topic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        try (Admin admin = Admin.create(props)) {
            Collection<Node> nodes = admin.describeCluster().nodes().get();
            Check.equal(nodes.size(), 1, "brokers in DescribeCluster");

            Map<String, String> configs = new HashMap<>();
            configs.put("retention.ms", "3600000");
            configs.put("cleanup.policy", "delete");
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1).configs(configs))).all().get();
            Check.isTrue(admin.listTopics().names().get().contains(topic), "listTopics shows " + topic);

            TopicDescription description = describe(admin, topic);
            Check.equal(description.partitions().size(), 3, "partitions of " + topic);
            description.partitions().forEach(partition -> {
                Check.isTrue(partition.leader() != null, "partition " + partition.partition() + " has a leader");
                Check.equal(partition.isr().size(), 1, "ISR of partition " + partition.partition());
            });

            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            ConfigEntry retention = config(admin, resource).get("retention.ms");
            Check.equal(retention.value(), "3600000", "retention.ms after create");
            Check.equal(retention.source(), ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, "retention.ms source");

            AlterConfigOp raise = new AlterConfigOp(new ConfigEntry("retention.ms", "7200000"),
                    AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(raise))).all().get();
            Check.equal(config(admin, resource).get("retention.ms").value(), "7200000", "retention.ms after alter");

            AlterConfigOp bad = new AlterConfigOp(new ConfigEntry("retention.ms", "soon"), AlterConfigOp.OpType.SET);
            expectFailure(() -> admin.incrementalAlterConfigs(Map.of(resource, List.of(bad))).all().get(),
                    InvalidConfigurationException.class, "retention.ms=soon");

            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(4))).all().get();
            Check.equal(describe(admin, topic).partitions().size(), 4, "partitions after CreatePartitions");

            expectFailure(() -> admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(),
                    TopicExistsException.class, "a second create of " + topic);

            admin.deleteTopics(List.of(topic)).all().get();
            Check.isTrue(!admin.listTopics().names().get().contains(topic), "listTopics after delete");
            expectFailure(() -> describe(admin, topic), UnknownTopicOrPartitionException.class,
                    "describe after delete");
            return "brokers=" + nodes.size() + " partitions=4";
        }
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return Compat.topicsByName(admin.describeTopics(Collections.singletonList(topic))).get(topic);
    }

    private static Config config(Admin admin, ConfigResource resource) throws Exception {
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    private static void expectFailure(Call call, Class<? extends Throwable> expected, String what) throws Exception {
        try {
            call.run();
        } catch (ExecutionException e) {
            Check.equal(e.getCause().getClass(), expected, what + " fails with");
            return;
        }
        throw new AssertionError(what + " succeeded; expected " + expected.getSimpleName());
    }
}
