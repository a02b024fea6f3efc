package io.streambus.broker.handler.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.broker.testing.TestBroker;
import io.streambus.metadata.controller.CreatableTopic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DescribeTopicPartitions never answers more than Kafka's cap of 2000 partitions, whatever the request asks. */
class DescribeTopicPartitionsCapTest {

    private static final int PARTITIONS = DescribeTopicPartitionsHandler.MAX_PARTITIONS_PER_RESPONSE + 5;

    @TempDir
    static Path dataDir;
    static TestBroker broker;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(dataDir);
        broker.broker().services().controller()
                .createTopics(List.of(CreatableTopic.of("wide", PARTITIONS, 1)), false).join();
        // One wait for the last partition instead of one per partition: the partitions appear together.
        TopicPartition last = new TopicPartition("wide", PARTITIONS - 1);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> broker.broker().services().partitions().partition(last).isPresent());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void aPageHoldsAtMost2000Partitions() throws Exception {
        DescribeTopicPartitionsResponseData first = DescribeTopicPartitionsHandlerTest.describe(broker,
                Integer.MAX_VALUE, null, "wide");

        assertThat(first.topics().find("wide").partitions()).hasSize(2000);
        assertThat(first.nextCursor().topicName()).isEqualTo("wide");
        assertThat(first.nextCursor().partitionIndex()).isEqualTo(2000);

        DescribeTopicPartitionsResponseData rest = DescribeTopicPartitionsHandlerTest.describe(broker,
                Integer.MAX_VALUE, DescribeTopicPartitionsHandlerTest.cursor("wide", 2000), "wide");
        assertThat(DescribeTopicPartitionsHandlerTest.pages(rest))
                .containsExactly("wide-2000", "wide-2001", "wide-2002", "wide-2003", "wide-2004");
        assertThat(rest.nextCursor()).isNull();
    }
}
