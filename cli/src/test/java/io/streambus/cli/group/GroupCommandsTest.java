package io.streambus.cli.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.cli.testing.BrokerCommandTest;
import io.streambus.cli.testing.CliRunner;
import io.streambus.cli.testing.CliRunner.Result;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GroupCommandsTest extends BrokerCommandTest {

    @BeforeAll
    static void createEvents() throws Exception {
        broker.createTopic("events", 2);
        broker.produce("events", 10);
    }

    @Test
    void consumeWithAGroupCommitsAndDescribeShowsLag() {
        Result first = cli().run("consume", "events", "-g", "readers", "-n", "4");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out().lines()).hasSize(4);
        Result rest = cli().run("consume", "events", "-g", "readers");
        assertThat(rest.out().lines()).hasSize(6);

        Result list = cli().run("group", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("readers\\s+classic\\s+empty");

        Result describe = cli().run("group", "describe", "readers", "--format", "json");
        assertThat(describe.exitCode()).as(describe.err()).isZero();
        assertThat(describe.out()).contains("\"group\":\"readers\"", "\"state\":\"empty\"", "\"total_lag\":0")
                .contains("\"topic\":\"events\",\"partition\":0,\"committed_offset\":");
        produce(3);
        assertThat(cli().run("group", "describe", "readers").out()).containsPattern("total_lag\\s+3");
    }

    private static void produce(int count) {
        try {
            broker.produce("events", count);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void describeShowsActiveMembersAndTheirAssignment() {
        try (var member = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrap(),
                "group.id", "live-readers", "auto.offset.reset", "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            member.subscribe(List.of("events"));
            org.awaitility.Awaitility.await().until(() -> {
                member.poll(Duration.ofMillis(100));
                return !member.assignment().isEmpty();
            });
            member.commitSync();
            Result describe = cli().run("group", "describe", "live-readers");
            assertThat(describe.exitCode()).as(describe.err()).isZero();
            assertThat(describe.out()).containsPattern("state\\s+stable").containsPattern("members\\s+1")
                    .contains("MEMBERS", "events-0,events-1", "OFFSETS");
            Result reset = cli().run("group", "reset-offsets", "live-readers", "--all-topics", "--to-earliest");
            assertThat(reset.exitCode()).isEqualTo(1);
            assertThat(reset.errLine()).isEqualTo("streambus: Group 'live-readers' has 1 active member(s); "
                    + "stop its consumers before resetting offsets");
            Result delete = cli().run("group", "delete", "live-readers", "--yes");
            assertThat(delete.exitCode()).isEqualTo(1);
            assertThat(delete.errLine()).isEqualTo("streambus: Group 'live-readers' has active members");
        }
    }

    @Test
    void resetOffsetsIsADryRunUnlessExecuted() {
        assertThat(cli().run("consume", "events", "-g", "resetters").exitCode()).isZero();
        Result dry = cli().run("group", "reset-offsets", "resetters", "--topic", "events", "--to-earliest");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("TOPIC   PARTITION  COMMITTED-OFFSET  NEW-OFFSET").containsPattern("events\\s+0\\s+\\d+\\s+0");
        assertThat(dry.errLine()).startsWith("Dry run: nothing changed.");
        assertThat(cli().run("group", "describe", "resetters").out()).containsPattern("total_lag\\s+0");

        Result refused = cli().run("group", "reset-offsets", "resetters", "--topic", "events", "--to-earliest", "--execute");
        assertThat(refused.exitCode()).isEqualTo(2);
        Result executed = cli().run("group", "reset-offsets", "resetters", "--all-topics", "--to-earliest",
                "--execute", "--yes");
        assertThat(executed.exitCode()).as(executed.err()).isZero();
        assertThat(cli().run("group", "describe", "resetters").out()).doesNotContainPattern("total_lag\\s+0\n");

        Result shifted = cli().run("group", "reset-offsets", "resetters", "--all-topics", "--shift-by", "2",
                "--execute", "-y", "--format", "json");
        assertThat(shifted.out()).contains("\"committed_offset\":0,\"new_offset\":2");
        Result clamped = cli().run("group", "reset-offsets", "resetters", "-t", "events", "--to-offset", "1000000");
        assertThat(clamped.out()).doesNotContain("1000000");
        Result byTime = cli().run("group", "reset-offsets", "resetters", "-t", "events", "--to-datetime",
                "2000-01-01T00:00:00Z", "--format", "json");
        assertThat(byTime.out()).contains("\"new_offset\":0");
        Result twoSpecs = cli().run("group", "reset-offsets", "resetters", "-t", "events", "--to-earliest", "--to-latest");
        assertThat(twoSpecs.exitCode()).isEqualTo(2);
    }

    @Test
    void deleteAsksAndNamesMissingGroups() {
        assertThat(cli().run("consume", "events", "-g", "short-lived", "-n", "1").exitCode()).isZero();
        assertThat(cli().run("group", "delete", "short-lived").exitCode()).isEqualTo(2);
        Result deleted = cli().answering(true).run("group", "delete", "short-lived");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).contains("short-lived  deleted");
        Result missing = cli().run("group", "delete", "short-lived", "--yes");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.errLine()).isEqualTo("streambus: Group 'short-lived' does not exist");
        Result describe = cli().run("group", "describe", "never-was");
        assertThat(describe.exitCode()).isEqualTo(1);
        assertThat(describe.errLine()).isEqualTo("streambus: Group 'never-was' does not exist");
    }
}
