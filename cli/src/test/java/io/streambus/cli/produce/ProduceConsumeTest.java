package io.streambus.cli.produce;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.cli.testing.BrokerCommandTest;
import io.streambus.cli.testing.BrokerFixture;
import io.streambus.cli.testing.CliRunner;
import io.streambus.cli.testing.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProduceConsumeTest extends BrokerCommandTest {

    @Test
    void producesLinesWithKeysAndHeadersAndConsumesThemThroughATemplate() throws Exception {
        broker.createTopic("lines", 1);
        Result produced = cli().stdin("k1:hello\nk2:world\nno key here\n")
                .run("produce", "lines", "-k", ":", "-H", "source=test", "-H", "v=2", "--print-offsets");
        assertThat(produced.exitCode()).as(produced.err()).isZero();
        assertThat(produced.out()).isEqualTo("lines-0@0\nlines-0@1\nlines-0@2\n");
        assertThat(produced.errLine()).isEqualTo("Produced 3 records to lines");

        Result consumed = cli().run("consume", "lines", "-t", "{partition}@{offset} {key}={value} [{headers}]\\n");
        assertThat(consumed.exitCode()).as(consumed.err()).isZero();
        assertThat(consumed.out()).isEqualTo("0@0 k1=hello [source=test,v=2]\n0@1 k2=world [source=test,v=2]\n"
                + "0@2 =no key here [source=test,v=2]\n");
        assertThat(consumed.errLine()).isEqualTo("Consumed 3 records from lines");

        Result values = cli().run("consume", "lines");
        assertThat(values.out()).isEqualTo("hello\nworld\nno key here\n");
    }

    @Test
    void consumesAsJsonLinesAndYaml() throws Exception {
        broker.createTopic("jsonl", 1);
        assertThat(cli().stdin("a\tquote\" here\n").run("produce", "jsonl", "-H", "h=1").exitCode()).isZero();
        Result json = cli().run("consume", "jsonl", "--format", "json");
        assertThat(json.out()).matches("\\{\"topic\":\"jsonl\",\"partition\":0,\"offset\":0,\"timestamp\":\\d+,"
                + "\"key\":null,\"value\":\"a\\\\tquote\\\\\" here\",\"headers\":\\{\"h\":\"1\"}}\n");
        Result yaml = cli().run("consume", "jsonl", "--format", "yaml");
        assertThat(yaml.out()).startsWith("---\ntopic: jsonl\npartition: 0\noffset: 0\ntimestamp: ")
                .contains("key: null\n", "headers:\n  h: '1'\n");
    }

    @Test
    void startsFromOffsetEndOrTimestampAndStopsAfterCount() throws Exception {
        broker.createTopic("positions", 1);
        broker.produce("positions", 5);
        assertThat(cli().run("consume", "positions", "--from", "3").out()).isEqualTo("value-3\nvalue-4\n");
        assertThat(cli().run("consume", "positions", "--from", "end").out()).isEmpty();
        assertThat(cli().run("consume", "positions", "-n", "2").out()).isEqualTo("value-0\nvalue-1\n");
        Instant later = Instant.now().plusSeconds(3600);
        assertThat(cli().run("consume", "positions", "--from", "@" + later).out()).isEmpty();
        assertThat(cli().run("consume", "positions", "--from", "@0", "-n", "1").out()).isEqualTo("value-0\n");

        Result bad = cli().run("consume", "positions", "--from", "yesterday");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.errLine()).contains("'yesterday' is not a start position")
                .endsWith("(see 'streambus consume --help')");
        Result badTemplate = cli().run("consume", "positions", "-t", "{vlaue}");
        assertThat(badTemplate.exitCode()).isEqualTo(2);
        assertThat(badTemplate.errLine()).startsWith("streambus: Unknown field {vlaue} in template; accepted: {topic}");
    }

    @Test
    void followWaitsForNewRecordsUntilCount() throws Exception {
        broker.createTopic("live", 1);
        broker.produce("live", 1);
        assertThat(cli().run("consume", "live", "-n", "3").out()).isEqualTo("value-0\n");

        CliRunner.Running follower = cli().start("consume", "live", "--follow", "-n", "3");
        org.awaitility.Awaitility.await().until(() -> follower.outSoFar().contains("value-0"));
        assertThat(follower.result()).isNotDone();
        broker.produce("live", 2);
        Result result = follower.result().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(follower.outSoFar()).isEqualTo("value-0\nvalue-0\nvalue-1\n");
    }

    @Test
    void partitionChoiceCompressionAcksAndFile() throws Exception {
        broker.createTopic("spread", 3);
        Path file = dir.resolve("records.txt");
        Files.writeString(file, "one\ntwo\n");
        Result produced = cli().run("produce", "spread", "-f", file.toString(), "-p", "2", "-z", "zstd", "--acks", "1",
                "-P", "--format", "json");
        assertThat(produced.exitCode()).as(produced.err()).isZero();
        assertThat(produced.out()).isEqualTo("{\"topic\":\"spread\",\"partition\":2,\"offset\":0}\n"
                + "{\"topic\":\"spread\",\"partition\":2,\"offset\":1}\n");
        assertThat(cli().run("consume", "spread", "-p", "2").out()).isEqualTo("one\ntwo\n");
        assertThat(cli().run("consume", "spread", "-p", "0").out()).isEmpty();
        assertThat(cli().stdin("x\n").run("produce", "spread", "--acks", "0", "-z", "gzip").exitCode()).isZero();

        Result noPartition = cli().run("consume", "spread", "-p", "7");
        assertThat(noPartition.exitCode()).isEqualTo(1);
        assertThat(noPartition.errLine()).isEqualTo("streambus: Topic 'spread' has no partition 7");
        Result noFile = cli().run("produce", "spread", "-f", dir.resolve("missing.txt").toString());
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.errLine()).isEqualTo("streambus: File not found: " + dir.resolve("missing.txt"));
        Result badAcks = cli().run("produce", "spread", "--acks", "2");
        assertThat(badAcks.exitCode()).isEqualTo(2);
        assertThat(badAcks.errLine()).contains("'2' is not an acks value");
    }

    @Test
    void rateLimitSpacesRecords() throws Exception {
        broker.createTopic("paced", 1);
        long start = System.nanoTime();
        Result produced = cli().stdin("1\n2\n3\n4\n5\n").run("produce", "paced", "--rate", "20");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(produced.exitCode()).isZero();
        // Five records at 20/s need at least four intervals of 50 ms.
        assertThat(elapsedMs).isGreaterThanOrEqualTo(200);
    }

    @Test
    void missingTopicIsNamed() {
        Result consume = cli().run("consume", "absent");
        assertThat(consume.exitCode()).isEqualTo(1);
        assertThat(consume.errLine()).isEqualTo("streambus: Topic 'absent' does not exist");
    }

    @Test
    void producingToAMissingTopicWithoutAutoCreationNamesIt(@TempDir Path other) throws Exception {
        try (BrokerFixture strict = BrokerFixture.start(other, Map.of("auto.create.topics.enable", "false"))) {
            Result result = new CliRunner(strict.bootstrap(), dir).stdin("x\n")
                    .run("--timeout", "1s", "produce", "absent");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.errLine()).isEqualTo("streambus: Topic 'absent' does not exist");
        }
    }
}
