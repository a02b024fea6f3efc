package io.streambus.broker.handler.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.broker.testing.ApiClient;
import io.streambus.broker.testing.TestBroker;
import io.streambus.broker.testing.TestTopics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData.TopicRequest;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponsePartition;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DescribeTopicPartitions v0 over a real socket: paging by partitions, cursors, missing topics, the cap. */
class DescribeTopicPartitionsHandlerTest {

    private static final int ALL_OPERATIONS = AuthorizedOperations.TOPIC;

    @TempDir
    static Path dataDir;
    static TestBroker broker;
    static Uuid alphaId;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(dataDir);
        alphaId = TestTopics.create(broker, "alpha", 3);
        TestTopics.create(broker, "bravo", 5);
        TestTopics.create(broker, "charlie", 2);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void describesATopicAsTheImageHasIt() throws Exception {
        DescribeTopicPartitionsResponseData response = describe(2000, null, "alpha");

        assertThat(response.nextCursor()).isNull();
        DescribeTopicPartitionsResponseTopic alpha = response.topics().find("alpha");
        assertThat(alpha.errorCode()).isZero();
        assertThat(alpha.topicId()).isEqualTo(alphaId);
        assertThat(alpha.isInternal()).isFalse();
        assertThat(alpha.topicAuthorizedOperations()).isEqualTo(ALL_OPERATIONS);
        assertThat(alpha.partitions()).extracting(DescribeTopicPartitionsResponsePartition::partitionIndex)
                .containsExactly(0, 1, 2);
        assertThat(alpha.partitions()).allSatisfy(partition -> {
            assertThat(partition.errorCode()).isZero();
            assertThat(partition.leaderId()).isEqualTo(1);
            assertThat(partition.leaderEpoch()).isZero();
            assertThat(partition.replicaNodes()).containsExactly(1);
            assertThat(partition.isrNodes()).containsExactly(1);
            assertThat(partition.eligibleLeaderReplicas()).isEmpty();
            assertThat(partition.lastKnownElr()).isEmpty();
            assertThat(partition.offlineReplicas()).isEmpty();
        });
    }

    @Test
    void pagesAcrossTopicsAndPartitionsInNameOrder() throws Exception {
        // 3 + 5 + 2 partitions in pages of 4: alpha 0-2 and bravo 0; bravo 1-4 (the limit used up exactly, so the
        // cursor points at the start of the next name); charlie 0-1 and no cursor.
        DescribeTopicPartitionsResponseData first = describe(4, null, "charlie", "alpha", "bravo");
        assertThat(pages(first)).containsExactly("alpha-0", "alpha-1", "alpha-2", "bravo-0");
        assertThat(first.nextCursor().topicName()).isEqualTo("bravo");
        assertThat(first.nextCursor().partitionIndex()).isEqualTo(1);

        DescribeTopicPartitionsResponseData second = describe(4, cursor("bravo", 1), "charlie", "alpha", "bravo");
        assertThat(pages(second)).containsExactly("bravo-1", "bravo-2", "bravo-3", "bravo-4");
        assertThat(second.nextCursor().topicName()).isEqualTo("charlie");
        assertThat(second.nextCursor().partitionIndex()).isZero();

        DescribeTopicPartitionsResponseData third = describe(4, cursor("charlie", 0), "charlie", "alpha", "bravo");
        assertThat(pages(third)).containsExactly("charlie-0", "charlie-1");
        assertThat(third.nextCursor()).isNull();
    }

    @Test
    void anEmptyListPagesThroughAllTopics() throws Exception {
        List<String> seen = new ArrayList<>();
        DescribeTopicPartitionsRequestData.Cursor cursor = null;
        int pages = 0;
        do {
            DescribeTopicPartitionsResponseData page = describe(3, cursor);
            assertThat(page.topics()).allSatisfy(topic -> assertThat(topic.errorCode()).isZero());
            seen.addAll(pages(page));
            cursor = page.nextCursor() == null ? null
                    : cursor(page.nextCursor().topicName(), page.nextCursor().partitionIndex());
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactly("alpha-0", "alpha-1", "alpha-2", "bravo-0", "bravo-1", "bravo-2", "bravo-3",
                "bravo-4", "charlie-0", "charlie-1");
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void aCursorIntoTheMiddleOfATopicSkipsEarlierNamesAndPartitions() throws Exception {
        DescribeTopicPartitionsResponseData response = describe(100, cursor("bravo", 3), "alpha", "bravo", "charlie");

        assertThat(response.topics()).extracting(DescribeTopicPartitionsResponseTopic::name)
                .containsExactly("bravo", "charlie");
        assertThat(pages(response)).containsExactly("bravo-3", "bravo-4", "charlie-0", "charlie-1");
        assertThat(response.nextCursor()).isNull();
    }

    @Test
    void missingTopicsGetTheirErrorAndUseNoneOfTheLimit() throws Exception {
        DescribeTopicPartitionsResponseData response = describe(4, null, "bravo", "bad name!", "alpha-missing", "alpha");

        assertThat(response.topics()).extracting(DescribeTopicPartitionsResponseTopic::name)
                .containsExactly("alpha", "alpha-missing", "bad name!", "bravo");
        DescribeTopicPartitionsResponseTopic unknown = response.topics().find("alpha-missing");
        assertThat(unknown.errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertThat(unknown.topicId()).isEqualTo(Uuid.ZERO_UUID);
        assertThat(unknown.partitions()).isEmpty();
        assertThat(response.topics().find("bad name!").errorCode()).isEqualTo(Errors.INVALID_TOPIC_EXCEPTION.code());
        assertThat(pages(response)).containsExactly("alpha-0", "alpha-1", "alpha-2", "bravo-0");
        assertThat(response.nextCursor().topicName()).isEqualTo("bravo");
    }

    @Test
    void aLimitUsedUpExactlyPointsTheCursorAtTheNextNameEvenIfItIsMissing() throws Exception {
        DescribeTopicPartitionsResponseData response = describe(3, null, "alpha", "alpha-missing");

        assertThat(pages(response)).containsExactly("alpha-0", "alpha-1", "alpha-2");
        assertThat(response.topics().find("alpha-missing")).isNull();
        assertThat(response.nextCursor().topicName()).isEqualTo("alpha-missing");
        assertThat(response.nextCursor().partitionIndex()).isZero();
    }

    @Test
    void aLimitBelowOneStillDescribesOnePartition() throws Exception {
        DescribeTopicPartitionsResponseData response = describe(0, null, "alpha");

        assertThat(pages(response)).containsExactly("alpha-0");
        assertThat(response.nextCursor().partitionIndex()).isEqualTo(1);
    }

    @Test
    void aBadCursorIsAnInvalidRequest() throws Exception {
        DescribeTopicPartitionsResponseData negative = describe(10, cursor("alpha", -1), "alpha");
        assertThat(negative.topics().find("alpha").errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());

        DescribeTopicPartitionsResponseData notListed = describe(10, cursor("bravo", 0), "alpha");
        assertThat(notListed.topics().find("alpha").errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(notListed.topics().find("alpha").partitions()).isEmpty();
    }

    static DescribeTopicPartitionsRequestData.Cursor cursor(String topic, int partition) {
        return new DescribeTopicPartitionsRequestData.Cursor().setTopicName(topic).setPartitionIndex(partition);
    }

    static DescribeTopicPartitionsResponseData describe(TestBroker broker, int limit,
                                                        DescribeTopicPartitionsRequestData.Cursor cursor,
                                                        String... topics) throws Exception {
        DescribeTopicPartitionsRequestData request = new DescribeTopicPartitionsRequestData()
                .setResponsePartitionLimit(limit)
                .setCursor(cursor)
                .setTopics(Arrays.stream(topics).map(name -> new TopicRequest().setName(name)).toList());
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            return client.request(ApiKeys.DESCRIBE_TOPIC_PARTITIONS, 0, request);
        }
    }

    private static DescribeTopicPartitionsResponseData describe(int limit, DescribeTopicPartitionsRequestData.Cursor cursor,
                                                                String... topics) throws Exception {
        return describe(broker, limit, cursor, topics);
    }

    /** "topic-partition" for every partition of the page, in response order. */
    static List<String> pages(DescribeTopicPartitionsResponseData response) {
        List<String> described = new ArrayList<>();
        for (DescribeTopicPartitionsResponseTopic topic : response.topics()) {
            topic.partitions().forEach(p -> described.add(topic.name() + "-" + p.partitionIndex()));
        }
        return described;
    }
}
