package io.streambus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.it.support.Clients;
import io.streambus.it.support.InProcessBroker;
import io.streambus.it.support.KafkaTool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.tools.TopicCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka 4.1's Admin {@code describeTopics} and kafka-topics {@code --describe} against StreamBus: both use
 * DescribeTopicPartitions and page through topics with more partitions than one response holds (2000).
 */
class DescribeTopicsIT {

    private static final List<String> TOPICS = List.of("many-a", "many-b", "many-c");
    private static final int PARTITIONS_PER_TOPIC = 700;

    @TempDir
    static Path workDir;
    static InProcessBroker broker;
    static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        broker = InProcessBroker.start(workDir.resolve("data"));
        admin = Clients.admin(broker.bootstrap());
        admin.createTopics(TOPICS.stream().map(name -> new NewTopic(name, PARTITIONS_PER_TOPIC, (short) 1)).toList())
                .all().get();
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

    @Test
    void adminDescribesMorePartitionsThanOneResponseHolds() throws Exception {
        // 2100 partitions: the default page of 2000 ends inside many-c, so Admin must follow the cursor.
        Map<String, TopicDescription> described = admin.describeTopics(TOPICS,
                new DescribeTopicsOptions().includeAuthorizedOperations(true)).allTopicNames().get();

        assertThat(described).containsOnlyKeys(TOPICS);
        for (TopicDescription topic : described.values()) {
            assertThat(topic.partitions()).extracting(TopicPartitionInfo::partition)
                    .containsExactlyElementsOf(IntStream.range(0, PARTITIONS_PER_TOPIC).boxed().toList());
            assertThat(topic.partitions()).allSatisfy(partition -> {
                assertThat(partition.leader().id()).isEqualTo(1);
                assertThat(partition.isr()).extracting(node -> node.id()).containsExactly(1);
                // Non-null only through DescribeTopicPartitions: Admin's Metadata fallback leaves the ELR out.
                assertThat(partition.elr()).isEmpty();
            });
            assertThat(topic.topicId()).isNotNull();
            assertThat(topic.authorizedOperations()).contains(AclOperation.DESCRIBE, AclOperation.ALTER);
        }
    }

    @Test
    void adminPagesWithASmallLimitAndReportsUnknownTopics() throws Exception {
        Map<String, TopicDescription> described = admin.describeTopics(List.of("many-b"),
                new DescribeTopicsOptions().partitionSizeLimitPerResponse(7)).allTopicNames().get();
        assertThat(described.get("many-b").partitions()).hasSize(PARTITIONS_PER_TOPIC);

        assertThatThrownBy(() -> admin.describeTopics(List.of("no-such-topic")).allTopicNames().get())
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void topicCommandDescribesEveryPartition() throws Exception {
        KafkaTool.Result result = KafkaTool.run(TopicCommand::main, "--bootstrap-server", broker.bootstrap(),
                "--describe", "--topic", "many-.*", "--partition-size-limit-per-response", "150");

        assertThat(result.exitCode()).as(result.err()).isZero();
        for (String topic : TOPICS) {
            assertThat(result.out()).contains("Topic: " + topic + "\tTopicId: ",
                    "PartitionCount: " + PARTITIONS_PER_TOPIC);
            assertThat(result.out().lines().filter(line -> line.contains("Topic: " + topic + "\tPartition: ")))
                    .hasSize(PARTITIONS_PER_TOPIC);
        }
        assertThat(result.out()).contains("Partition: 699\tLeader: 1\tReplicas: 1\tIsr: 1");
    }
}
