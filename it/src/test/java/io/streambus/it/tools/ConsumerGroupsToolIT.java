package io.streambus.it.tools;

import static io.streambus.it.tools.ToolOutput.lines;
import static io.streambus.it.tools.ToolOutput.ok;
import static io.streambus.it.tools.ToolOutput.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streambus.it.support.Clients;
import io.streambus.it.support.InProcessBroker;
import io.streambus.it.support.KafkaTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Apache Kafka's {@code kafka-consumer-groups} ({@link ConsumerGroupCommand}, unmodified, in-process) against a
 * StreamBus node, for groups of both protocols: classic and KIP-848 ({@code group.protocol=consumer}). Each
 * command prints what it prints against Kafka 4.1, or fails with Kafka's message for the same case.
 */
class ConsumerGroupsToolIT {

    @TempDir
    static Path workDir;
    static InProcessBroker broker;
    static Admin admin;

    @BeforeAll
    static void start() {
        broker = InProcessBroker.start(workDir.resolve("data"), "group.initial.rebalance.delay.ms=0");
        admin = Clients.admin(broker.bootstrap());
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

    private static KafkaTool.Result groups(String... args) throws Exception {
        return KafkaTool.run(ConsumerGroupCommand::main, ToolOutput.withBootstrap(broker.bootstrap(), args));
    }

    private static void createTopic(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }

    /** {@code count} records to each partition, with the given timestamps (one per record, cycling). */
    private static void produce(String topic, int partitions, int count, long... timestamps) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(broker.bootstrap())) {
            for (int partition = 0; partition < partitions; partition++) {
                for (int i = 0; i < count; i++) {
                    Long timestamp = timestamps.length == 0 ? null : timestamps[i % timestamps.length];
                    producer.send(new ProducerRecord<>(topic, partition, timestamp, null, ("v" + i).getBytes())).get();
                }
            }
        }
    }

    private static GroupState state(String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).all().get().get(group).groupState();
    }

    private static Map<TopicPartition, Long> committed(String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static void awaitState(String group, GroupState expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> state(group) == expected);
    }

    /** A group with committed offsets and no members: a consumer of {@code protocol} consumed it all and left. */
    private static void emptyGroup(String group, String protocol, String topic, long records) throws Exception {
        try (LiveConsumer consumer = LiveConsumer.start(broker.bootstrap(), group, protocol, group + "-client", topic)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.consumed() == records);
        }
        awaitState(group, GroupState.EMPTY);
    }

    @Test
    void listShowsEveryGroupWithItsStateAndType() throws Exception {
        createTopic("list-topic", 1);
        produce("list-topic", 1, 3);
        emptyGroup("list-empty", "classic", "list-topic", 3);
        try (LiveConsumer classic = LiveConsumer.start(broker.bootstrap(), "list-classic", "classic", "c1", "list-topic");
             LiveConsumer consumer = LiveConsumer.start(broker.bootstrap(), "list-consumer", "consumer", "c2",
                     "list-topic")) {
            awaitState("list-classic", GroupState.STABLE);
            awaitState("list-consumer", GroupState.STABLE);

            assertThat(lines(ok(groups("--list")))).contains("list-empty", "list-classic", "list-consumer");

            String states = ok(groups("--list", "--state"));
            assertThat(rows(states, "GROUP")).containsExactly(List.of("GROUP", "STATE"));
            assertThat(rows(states, "list-empty")).containsExactly(List.of("list-empty", "Empty"));
            assertThat(rows(states, "list-classic")).containsExactly(List.of("list-classic", "Stable"));
            assertThat(rows(states, "list-consumer")).containsExactly(List.of("list-consumer", "Stable"));

            String stable = ok(groups("--list", "--state", "Stable"));
            assertThat(rows(stable, "list-classic")).hasSize(1);
            assertThat(rows(stable, "list-empty")).isEmpty();

            String types = ok(groups("--list", "--type"));
            assertThat(rows(types, "GROUP")).containsExactly(List.of("GROUP", "TYPE"));
            assertThat(rows(types, "list-empty")).containsExactly(List.of("list-empty", "Classic"));
            assertThat(rows(types, "list-classic")).containsExactly(List.of("list-classic", "Classic"));
            assertThat(rows(types, "list-consumer")).containsExactly(List.of("list-consumer", "Consumer"));

            String consumerType = ok(groups("--list", "--type", "consumer"));
            assertThat(rows(consumerType, "list-consumer")).hasSize(1);
            assertThat(rows(consumerType, "list-classic")).isEmpty();

            String both = ok(groups("--list", "--type", "--state"));
            assertThat(rows(both, "GROUP")).containsExactly(List.of("GROUP", "TYPE", "STATE"));
            assertThat(rows(both, "list-consumer")).containsExactly(List.of("list-consumer", "Consumer", "Stable"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void describeALiveGroupThenTheEmptyGroupThenDeleteIt(String protocol) throws Exception {
        String group = "live-" + protocol;
        String topic = "live-topic-" + protocol;
        String clientId = "client-" + protocol;
        createTopic(topic, 2);
        produce(topic, 2, 5);
        try (LiveConsumer consumer = LiveConsumer.start(broker.bootstrap(), group, protocol, clientId, topic)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.consumed() == 10
                    && committed(group).values().stream().mapToLong(Long::longValue).sum() == 10);
            awaitState(group, GroupState.STABLE);
            String memberId = admin.describeConsumerGroups(List.of(group)).all().get().get(group).members()
                    .iterator().next().consumerId();

            for (String[] offsetsArgs : List.of(new String[] {}, new String[] {"--offsets"})) {
                String[] args = concat(new String[] {"--describe", "--group", group}, offsetsArgs);
                String offsets = ok(groups(args));
                assertThat(rows(offsets, "GROUP")).containsExactly(List.of("GROUP", "TOPIC", "PARTITION",
                        "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"));
                assertThat(rows(offsets, group)).containsExactlyInAnyOrder(
                        List.of(group, topic, "0", "5", "5", "0", memberId, "/127.0.0.1", clientId),
                        List.of(group, topic, "1", "5", "5", "0", memberId, "/127.0.0.1", clientId));
            }

            String members = ok(groups("--describe", "--group", group, "--members"));
            assertThat(rows(members, "GROUP")).containsExactly(
                    List.of("GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS"));
            assertThat(rows(members, group)).containsExactly(List.of(group, memberId, "/127.0.0.1", clientId, "2"));

            String verbose = ok(groups("--describe", "--group", group, "--members", "--verbose"));
            assertThat(rows(verbose, "GROUP")).containsExactly(List.of("GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID",
                    "#PARTITIONS", "CURRENT-EPOCH", "CURRENT-ASSIGNMENT", "TARGET-EPOCH", "TARGET-ASSIGNMENT"));
            // The classic protocol has no member epochs or target assignments: Kafka's tool prints "-" for them.
            String epoch = protocol.equals("classic") ? "-" : "1";
            String target = protocol.equals("classic") ? "-" : topic + ":0,1";
            assertThat(rows(verbose, group)).containsExactly(List.of(group, memberId, "/127.0.0.1", clientId, "2",
                    epoch, topic + ":0,1", epoch, target));

            String state = ok(groups("--describe", "--group", group, "--state"));
            assertThat(lines(state)).contains("GROUP           COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE"
                    + "                #MEMBERS");
            String strategy = protocol.equals("classic") ? "range" : "uniform";
            assertThat(rows(state, group)).containsExactly(List.of(group, "127.0.0.1:" + broker.port(), "(1)",
                    strategy, "Stable", "1"));

            KafkaTool.Result reset = groups("--reset-offsets", "--group", group, "--topic", topic, "--to-earliest",
                    "--execute");
            assertThat(lines(reset.out())).contains("Error: Assignments can only be reset if the group '" + group
                    + "' is inactive, but the current state is Stable.");
            assertThat(committed(group).values()).containsOnly(5L);

            KafkaTool.Result delete = groups("--delete", "--group", group);
            assertThat(lines(delete.out())).containsExactly("Error: Deletion of some consumer groups failed:",
                    "* Group '" + group + "' could not be deleted due to: "
                            + "org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.");

            KafkaTool.Result deleteOffsets = groups("--delete-offsets", "--group", group, "--topic", topic);
            assertThat(lines(deleteOffsets.out())).contains(
                    "Error: Encountered some partition-level error, see the follow-up details.");
            assertThat(rows(deleteOffsets.out(), topic)).hasSize(2).allSatisfy(row -> assertThat(String.join(" ", row))
                    .endsWith("Error: org.apache.kafka.common.errors.GroupSubscribedToTopicException: "
                            + "Deleting offsets of a topic is forbidden while the consumer group is actively "
                            + "subscribed to it."));
            assertThat(committed(group).values()).containsOnly(5L);
        }
        awaitState(group, GroupState.EMPTY);

        KafkaTool.Result emptyOffsets = groups("--describe", "--group", group);
        assertThat(lines(emptyOffsets.err())).containsExactly("Consumer group '" + group + "' has no active members.");
        assertThat(rows(emptyOffsets.out(), group)).containsExactlyInAnyOrder(
                List.of(group, topic, "0", "5", "5", "0", "-", "-", "-"),
                List.of(group, topic, "1", "5", "5", "0", "-", "-", "-"));
        KafkaTool.Result emptyMembers = groups("--describe", "--group", group, "--members");
        assertThat(lines(emptyMembers.err())).containsExactly("Consumer group '" + group + "' has no active members.");
        assertThat(rows(emptyMembers.out(), group)).isEmpty();
        KafkaTool.Result emptyState = groups("--describe", "--group", group, "--state");
        assertThat(lines(emptyState.err())).containsExactly("Consumer group '" + group + "' has no active members.");
        assertThat(rows(emptyState.out(), group)).singleElement()
                .satisfies(row -> assertThat(row.subList(row.size() - 2, row.size())).containsExactly("Empty", "0"));

        assertThat(lines(ok(groups("--delete", "--group", group))))
                .containsExactly("Deletion of requested consumer groups ('" + group + "') was successful.");
        for (String[] describeArgs : DESCRIBE_TYPES) {
            assertGroupNotFound(groups(concat(new String[] {"--describe", "--group", group}, describeArgs)), group);
        }
        assertThat(lines(ok(groups("--list")))).doesNotContain(group);
    }

    /** What Kafka 4.1's tool prints for a group that does not exist (Kafka's own DescribeConsumerGroupTest). */
    private static void assertGroupNotFound(KafkaTool.Result result, String group) {
        assertThat(lines(result.out())).containsExactly("Error: Executing consumer group command failed due to "
                + "org.apache.kafka.common.errors.GroupIdNotFoundException: Group " + group + " not found.");
        assertThat(result.err()).contains("Caused by: org.apache.kafka.common.errors.GroupIdNotFoundException: Group "
                + group + " not found.");
    }

    private static final List<String[]> DESCRIBE_TYPES = List.of(new String[] {}, new String[] {"--offsets"},
            new String[] {"--members"}, new String[] {"--members", "--verbose"}, new String[] {"--state"},
            new String[] {"--state", "--verbose"});

    @Test
    void aMissingGroupIsNotFoundByDescribeDeleteAndDeleteOffsets() throws Exception {
        createTopic("missing-topic", 1);
        for (String[] describeArgs : DESCRIBE_TYPES) {
            assertGroupNotFound(groups(concat(new String[] {"--describe", "--group", "no-such-group"}, describeArgs)),
                    "no-such-group");
        }
        assertThat(lines(groups("--delete", "--group", "no-such-group").out())).containsExactly(
                "Error: Deletion of some consumer groups failed:", "* Group 'no-such-group' could not be deleted due to: "
                        + "org.apache.kafka.common.errors.GroupIdNotFoundException: The group id does not exist.");
        KafkaTool.Result deleteOffsets = groups("--delete-offsets", "--group", "no-such-group", "--topic",
                "missing-topic");
        assertThat(lines(deleteOffsets.out())).contains("Error: The group id does not exist.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void resetOffsetsInEveryModeDryRunThenExecute(String protocol) throws Exception {
        String group = "reset-" + protocol;
        String topic = "reset-topic-" + protocol;
        createTopic(topic, 1);
        // Offsets 0-4 on 2020-01-01 at 00:00, 00:01, ... 00:04 UTC; offsets 5-9 now.
        long base = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
        long now = System.currentTimeMillis();
        produce(topic, 1, 10, base, base + 60_000, base + 120_000, base + 180_000, base + 240_000,
                now, now, now, now, now);
        emptyGroup(group, protocol, topic, 10);
        TopicPartition partition = new TopicPartition(topic, 0);
        assertThat(committed(group)).containsExactly(Map.entry(partition, 10L));

        Path plan = workDir.resolve("reset-" + protocol + ".csv");
        Files.writeString(plan, topic + ",0,8\n");
        List<ResetCase> cases = List.of(
                new ResetCase(List.of("--to-earliest"), 0),
                new ResetCase(List.of("--to-latest"), 10),
                new ResetCase(List.of("--to-offset", "7"), 7),
                new ResetCase(List.of("--shift-by", "-2"), 5),
                new ResetCase(List.of("--to-current"), 5),
                new ResetCase(List.of("--to-datetime", "2020-01-01T00:03:00.000Z"), 3),
                new ResetCase(List.of("--by-duration", "PT1H"), 5),
                new ResetCase(List.of("--from-file", plan.toString()), 8));
        long current = 10;
        for (ResetCase reset : cases) {
            for (String mode : List.of("--dry-run", "--execute")) {
                String[] args = concat(new String[] {"--reset-offsets", "--group", group, "--topic", topic, mode},
                        reset.args().toArray(String[]::new));
                String out = ok(groups(args));
                assertThat(rows(out, "GROUP")).as(reset.toString())
                        .containsExactly(List.of("GROUP", "TOPIC", "PARTITION", "NEW-OFFSET"));
                assertThat(rows(out, group)).as("%s %s", reset, mode)
                        .containsExactly(List.of(group, topic, "0", Long.toString(reset.newOffset())));
                if (mode.equals("--execute")) {
                    current = reset.newOffset();
                }
                assertThat(committed(group)).as("%s %s", reset, mode).containsExactly(Map.entry(partition, current));
            }
        }
        assertThat(state(group)).isEqualTo(GroupState.EMPTY);
    }

    /** One mode of {@code --reset-offsets} and the offset it resets the group to. */
    private record ResetCase(List<String> args, long newOffset) {
    }

    @Test
    void resettingTheOffsetsOfAGroupThatDoesNotExistCreatesIt() throws Exception {
        createTopic("fresh-topic", 2);
        produce("fresh-topic", 2, 6);
        String out = ok(groups("--reset-offsets", "--group", "fresh", "--topic", "fresh-topic:1", "--to-offset", "4",
                "--execute"));
        assertThat(rows(out, "fresh")).containsExactly(List.of("fresh", "fresh-topic", "1", "4"));
        assertThat(committed("fresh")).containsExactly(Map.entry(new TopicPartition("fresh-topic", 1), 4L));
        assertThat(rows(ok(groups("--list", "--type", "--state")), "fresh"))
                .containsExactly(List.of("fresh", "Classic", "Empty"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void deleteOffsetsOfAnEmptyGroup(String protocol) throws Exception {
        String group = "delete-offsets-" + protocol;
        String topic = "delete-offsets-topic-" + protocol;
        createTopic(topic, 2);
        produce(topic, 2, 3);
        emptyGroup(group, protocol, topic, 6);

        String out = ok(groups("--delete-offsets", "--group", group, "--topic", topic + ":1"));
        assertThat(lines(out)).startsWith("Request succeeded for deleting offsets from group " + group + ".");
        assertThat(rows(out, "TOPIC")).containsExactly(List.of("TOPIC", "PARTITION", "STATUS"));
        assertThat(rows(out, topic)).containsExactly(List.of(topic, "1", "Successful"));
        assertThat(committed(group)).containsExactly(Map.entry(new TopicPartition(topic, 0), 3L));
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
