package io.streambus.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.cli.testing.BrokerCommandTest;
import io.streambus.cli.testing.CliRunner;
import io.streambus.cli.testing.CliRunner.Result;
import org.junit.jupiter.api.Test;

class BenchCommandsTest extends BrokerCommandTest {

    @Test
    void produceThenConsumeReportProgressAndASummary() {
        Result produce = cli().run("bench", "produce", "-t", "load", "-n", "3000", "-s", "100", "-p", "2",
                "--rate", "10000", "--interval", "50ms");
        assertThat(produce.exitCode()).as(produce.err()).isZero();
        assertThat(produce.out()).contains("topic             load", "records           3000", "errors            0",
                "bytes             300000", "records_per_s", "mb_per_s", "latency_ms_p50", "latency_ms_p99_9",
                "latency_ms_max");
        // At 10,000/s, 3,000 records take 300 ms: several 50 ms progress lines.
        assertThat(produce.err().lines().filter(l -> l.matches("\\[\\s*\\d+s]\\s+[\\d,]+ rec/s .* MB/s\\s+p50 .* ms"
                + "\\s+p99 .* ms\\s+p99\\.9 .* ms\\s+max .* ms"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(broker.admin().describeTopics(java.util.List.of("load")).allTopicNames().toCompletionStage()
                .toCompletableFuture().join().get("load").partitions()).hasSize(2);

        Result consume = cli().run("bench", "consume", "-t", "load", "--format", "json");
        assertThat(consume.exitCode()).as(consume.err()).isZero();
        assertThat(consume.out()).startsWith("{\"topic\":\"load\",\"records\":3000,\"errors\":0,\"bytes\":300000,");
        Result some = cli().run("bench", "consume", "-t", "load", "-n", "10", "--format", "json");
        assertThat(some.out()).contains("\"records\":10,");
    }

    @Test
    void consumeOfAMissingTopicNamesIt() {
        Result consume = cli().run("bench", "consume", "-t", "nothing-here");
        assertThat(consume.exitCode()).isEqualTo(1);
        assertThat(consume.errLine()).isEqualTo("streambus: Topic 'nothing-here' does not exist");
    }

    @Test
    void durationBoundsAProduceRun() {
        Result produce = cli().run("bench", "produce", "-t", "timed", "-d", "300ms", "-s", "10", "--acks", "1",
                "--format", "yaml");
        assertThat(produce.exitCode()).as(produce.err()).isZero();
        assertThat(produce.out()).startsWith("topic: timed\nrecords: ").contains("errors: 0\n");
    }
}
