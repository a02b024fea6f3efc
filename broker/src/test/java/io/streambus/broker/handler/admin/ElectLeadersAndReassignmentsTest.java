package io.streambus.broker.handler.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.broker.testing.TestBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ElectionNotNeededException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.message.ElectLeadersRequestData;
import org.apache.kafka.common.message.ElectLeadersResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ElectLeaders and ListPartitionReassignments on a single node, through kafka-clients' Admin and raw requests. */
class ElectLeadersAndReassignmentsTest {

    @TempDir
    static Path dataDir;
    static TestBroker broker;
    static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start(dataDir);
        admin = AdminClients.create(broker.bootstrap());
        admin.createTopics(List.of(new NewTopic("elect", 2, (short) 1))).all().get();
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void electionsOfLedPartitionsAreNotNeededAndUnknownOnesAreNamed() throws Exception {
        TopicPartition led = new TopicPartition("elect", 1);
        TopicPartition noPartition = new TopicPartition("elect", 5);
        TopicPartition noTopic = new TopicPartition("no-such-topic", 0);
        for (ElectionType type : ElectionType.values()) {
            Map<TopicPartition, Optional<Throwable>> results =
                    admin.electLeaders(type, Set.of(led, noPartition, noTopic)).partitions().get();

            assertThat(results.get(led)).containsInstanceOf(ElectionNotNeededException.class);
            assertThat(results.get(noPartition).orElseThrow()).isInstanceOf(UnknownTopicOrPartitionException.class)
                    .hasMessage("No such partition as elect-5");
            assertThat(results.get(noTopic).orElseThrow()).isInstanceOf(UnknownTopicOrPartitionException.class)
                    .hasMessage("No such topic as no-such-topic");
        }
    }

    @Test
    void anElectionOfEveryPartitionListsNoneThatAlreadyHasItsLeader() throws Exception {
        assertThat(admin.electLeaders(ElectionType.PREFERRED, null).partitions().get()).isEmpty();
        try (RawRequests raw = new RawRequests(broker.broker().boundPort(TestBroker.LISTENER))) {
            ElectLeadersResponseData response = raw.send(ApiKeys.ELECT_LEADERS, 0,
                    new ElectLeadersRequestData().setTopicPartitions(null));
            assertThat(response.replicaElectionResults())
                    .allSatisfy(topic -> assertThat(topic.partitionResult()).isEmpty())
                    .anySatisfy(topic -> assertThat(topic.topic()).isEqualTo("elect"));
        }
    }

    @Test
    void noReassignmentIsEverInProgress() throws Exception {
        assertThat(admin.listPartitionReassignments().reassignments().get()).isEmpty();
        assertThat(admin.listPartitionReassignments(Set.of(new TopicPartition("elect", 0),
                new TopicPartition("no-such-topic", 0))).reassignments().get()).isEmpty();
    }
}
