package io.streambus.cli.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.cli.testing.BrokerCommandTest;
import io.streambus.cli.testing.CliRunner;
import io.streambus.cli.testing.CliRunner.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicCommandsTest extends BrokerCommandTest {

    @Test
    void createListAndDescribe() throws Exception {
        Result created = cli().run("topic", "create", "orders", "payments", "-p", "3", "-c", "retention.ms=60000");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out().lines()).containsExactly(
                "TOPIC     PARTITIONS  REPLICAS  STATUS",
                "orders    3           1         created",
                "payments  3           1         created");

        Result list = cli().run("topic", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("orders    3           1").contains("payments  3           1");
        assertThat(cli().run("topic", "list", "ord.*").out().lines()).hasSize(2);

        broker.produce("orders", 10);
        Result describe = cli().run("topic", "describe", "orders");
        assertThat(describe.exitCode()).as(describe.err()).isZero();
        assertThat(describe.out()).contains("name                orders", "partitions          3",
                "replication_factor  1", "PARTITIONS", "PARTITION  LEADER  REPLICAS  ISR  LOG-START-OFFSET",
                "CONFIGS", "retention.ms  60000  topic");
        assertThat(describe.out()).doesNotContain("cleanup.policy");
        assertThat(cli().run("topic", "describe", "orders", "--all-configs").out()).contains("cleanup.policy");

        Result json = cli().run("topic", "describe", "orders", "--format", "json");
        assertThat(json.out().lines()).hasSize(1);
        assertThat(json.out()).startsWith("{\"summary\":{\"name\":\"orders\",\"id\":\"")
                .contains("\"partitions\":[{\"partition\":0,\"leader\":1,\"replicas\":[1],\"isr\":[1],"
                        + "\"log_start_offset\":0,\"high_watermark\":")
                .contains("{\"key\":\"retention.ms\",\"value\":\"60000\",\"source\":\"topic\"}");
        long total = json.out().lines().findFirst().orElseThrow().split("\"high_watermark\":", -1).length - 1;
        assertThat(total).isEqualTo(3);

        Result yaml = cli().run("topic", "list", "--format", "yaml", "orders");
        assertThat(yaml.out()).isEqualTo("- name: orders\n  partitions: 3\n  replicas: 1\n");
    }

    @Test
    void createAnExistingTopicFailsNamingItUnlessIfNotExists() throws Exception {
        broker.createTopic("existing", 1);
        Result again = cli().run("topic", "create", "existing");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.errLine()).isEqualTo("streambus: Topic 'existing' already exists");
        assertThat(again.out()).contains("existing  -           -         failed: already exists");
        assertThat(cli().run("topic", "create", "existing", "--if-not-exists").exitCode()).isZero();
    }

    @Test
    void describeOrAlterAMissingTopicNamesIt() {
        Result describe = cli().run("topic", "describe", "nope");
        assertThat(describe.exitCode()).isEqualTo(1);
        assertThat(describe.errLine()).isEqualTo("streambus: Topic 'nope' does not exist");
        assertThat(describe.out()).isEmpty();
        Result alter = cli().run("topic", "alter-config", "nope", "--set", "retention.ms=1000");
        assertThat(alter.exitCode()).isEqualTo(1);
        assertThat(alter.errLine()).isEqualTo("streambus: Topic 'nope' does not exist");
    }

    @Test
    void alterConfigSetsAndDeletes() throws Exception {
        broker.createTopic("tuned", 1);
        Result set = cli().run("topic", "alter-config", "tuned", "--set", "retention.ms=1234", "-s",
                "cleanup.policy=compact");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).contains("retention.ms    set        1234");
        assertThat(cli().run("topic", "describe", "tuned").out()).contains("retention.ms    1234     topic",
                "cleanup.policy  compact  topic");
        assertThat(cli().run("topic", "alter-config", "tuned", "--delete", "retention.ms").exitCode()).isZero();
        assertThat(cli().run("topic", "describe", "tuned").out()).doesNotContain("retention.ms");

        Result bad = cli().run("topic", "alter-config", "tuned", "--set", "retention.ms=soon");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.errLine()).startsWith("streambus: ").contains("retention.ms");
        Result nothing = cli().run("topic", "alter-config", "tuned");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.errLine()).contains("Nothing to change");
    }

    @Test
    void addPartitionsGrowsOnly() throws Exception {
        broker.createTopic("growing", 1);
        Result add = cli().run("topic", "add-partitions", "growing", "-n", "2");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).isEqualTo("topic              growing\npartitions_before  1\npartitions         3\n");
        assertThat(cli().run("topic", "add-partitions", "growing", "--total", "5", "--format", "json").out())
                .isEqualTo("{\"topic\":\"growing\",\"partitions_before\":3,\"partitions\":5}\n");
        Result shrink = cli().run("topic", "add-partitions", "growing", "--total", "2");
        assertThat(shrink.exitCode()).isEqualTo(2);
        assertThat(shrink.errLine()).isEqualTo("streambus: Topic 'growing' has 5 partitions; it can only grow");
        Result both = cli().run("topic", "add-partitions", "growing");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.errLine()).contains("see 'streambus topic add-partitions --help'");
    }

    @Test
    void deleteAsksOnATerminalAndNeedsYesElsewhere() throws Exception {
        broker.createTopic("doomed", 1);
        Result refused = cli().run("topic", "delete", "doomed");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.errLine()).isEqualTo(
                "streambus: Refusing to go ahead without confirmation: not a terminal; pass --yes");
        Result declined = cli().answering(false).run("topic", "delete", "doomed");
        assertThat(declined.exitCode()).isEqualTo(1);
        assertThat(declined.errLine()).isEqualTo("streambus: Aborted");
        assertThat(broker.admin().listTopics().names().get()).contains("doomed");

        Result accepted = cli().answering(true).run("topic", "delete", "doomed");
        assertThat(accepted.exitCode()).as(accepted.err()).isZero();
        assertThat(accepted.out()).contains("doomed  deleted");
        assertThat(broker.admin().listTopics().names().get()).doesNotContain("doomed");

        Result missing = cli().run("topic", "delete", "doomed", "--yes");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.errLine()).isEqualTo("streambus: Topic 'doomed' does not exist");
    }

    @Test
    void aBadFlagShowsTheUsageOfThatCommand() {
        Result bad = cli().run("topic", "create", "x", "--partitions", "many");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.errLine()).startsWith("streambus: Invalid value for option '--partitions'")
                .endsWith("(see 'streambus topic create --help')");
        Result alone = cli().run("topic");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("Usage: streambus topic", "create", "describe");
    }

    @Test
    void unreachableBrokerFailsWithinTheTimeoutNamingTheAddress() {
        long start = System.nanoTime();
        Result result = new CliRunner(null, dir).runExactly("topic", "list", "-b", "127.0.0.1:1", "--timeout", "1s");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLine()).isEqualTo("streambus: No answer from a broker at 127.0.0.1:1 within 1000 ms "
                + "(is it running and reachable? see --bootstrap, --timeout)");
        assertThat(elapsedMs).isLessThan(8_000);
        Result verbose = new CliRunner(null, dir).runExactly("topic", "list", "-b", "127.0.0.1:1", "--timeout",
                "500ms", "--verbose");
        assertThat(verbose.err()).contains("TimeoutException", "\tat ");
    }

    @Test
    void unresolvableBootstrapIsOneLine() {
        Result result = new CliRunner(null, dir).runExactly("topic", "list", "-b", "no-such-host.invalid:9092",
                "--timeout", "1s");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLine()).isEqualTo(
                "streambus: Cannot resolve any broker address in 'no-such-host.invalid:9092'");
    }

    @Test
    void listIsEmptyTableWhenFilterMatchesNothing() {
        assertThat(cli().run("topic", "list", "zzz.*").out()).isEqualTo("NAME  PARTITIONS  REPLICAS\n");
        assertThat(cli().run("topic", "list", "zzz.*", "--format", "json").out()).isEqualTo("[]\n");
        assertThat(List.of()).isEmpty();
    }
}
