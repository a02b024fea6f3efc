package io.streambus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.server.StreamBusServer;
import io.streambus.server.StreamBusVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StreamBusCliTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>();
    /** The server a command ran, closed as soon as it is handed over, as SIGTERM would. */
    private final AtomicReference<StreamBusServer> ran = new AtomicReference<>();

    private int run(String... args) {
        // The broker really starts: an ephemeral port, so a developer's own broker on 9092 is no obstacle.
        env.putIfAbsent("STREAMBUS_LISTENERS", "PLAINTEXT://127.0.0.1:0");
        ServerRunner stopAtOnce = server -> {
            ran.set(server);
            server.close();
            return 0;
        };
        CommandLine cli = StreamBusCli.create(new CliContext(env, stopAtOnce, System.nanoTime()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("streambus.yaml");
        Files.writeString(file, text);
        return file;
    }

    private String errLine() {
        assertThat(err.toString().lines()).as("stderr: %s", err).hasSize(1);
        return err.toString().strip();
    }

    @Test
    void devStartsWithZeroConfigAndPrintsOneReadyLine() {
        assertThat(run("dev", "--data-dir", dir.resolve("data").toString())).isZero();
        assertThat(out.toString().lines()).hasSize(1);
        assertThat(out.toString()).startsWith("StreamBus " + StreamBusVersion.current() + " ready in ")
                .contains(" ms — ").contains("data in " + dir.resolve("data"));
        assertThat(ran.get().config().listeners().getFirst()).hasToString("PLAINTEXT://127.0.0.1:0");
        assertThat(out.toString()).containsPattern("Kafka listener PLAINTEXT://127\\.0\\.0\\.1:[1-9][0-9]*");
        assertThat(dir.resolve("data/meta.properties")).exists();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void startWithAGoodConfigAppliesFileEnvironmentAndSetInOrder() throws IOException {
        Path file = yaml("num.partitions: 3\ndefault.replication.factor: 1\nlog.dirs: " + dir.resolve("d") + "\n");
        env.put("STREAMBUS_NUM_PARTITIONS", "4");
        env.put("STREAMBUS_NODE_ID", "2");
        assertThat(run("start", "--config", file.toString(), "--set", "node.id=5")).isZero();
        assertThat(ran.get().config().numPartitions()).isEqualTo(4);
        assertThat(ran.get().config().nodeId()).isEqualTo(5);
        assertThat(ran.get().dataDirectory().meta().nodeId()).isEqualTo(5);
        assertThat(out.toString()).contains(" ready in ");
    }

    @Test
    void unknownKeyIsAUsageErrorOnOneLineWithASuggestion() throws IOException {
        Path file = yaml("nmu.partitions: 3\n");
        assertThat(run("start", "--config", file.toString(), "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(errLine()).isEqualTo("streambus: Unknown configuration key 'nmu.partitions' (" + file
                + ":1); did you mean 'num.partitions'?");
        assertThat(ran.get()).isNull();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void badValueIsAUsageErrorNamingKeyAndAcceptedValues() {
        assertThat(run("dev", "--data-dir", dir.toString(), "--set", "log.flush.policy=sometimes")).isEqualTo(2);
        assertThat(errLine()).isEqualTo("streambus: Invalid value sometimes for configuration log.flush.policy: "
                + "String must be one of: fsync, interval, none (--set log.flush.policy=sometimes); accepted: "
                + "one of fsync, interval, none");
    }

    @Test
    void missingFileIsAUsageError() {
        Path missing = dir.resolve("nope.yaml");
        assertThat(run("start", "--config", missing.toString())).isEqualTo(2);
        assertThat(errLine()).isEqualTo("streambus: Config file not found: " + missing);
    }

    @Test
    void missingOptionAndUnknownCommandAreUsageErrors() {
        assertThat(run("start")).isEqualTo(2);
        assertThat(errLine()).isEqualTo("streambus: Missing required option: '--config=FILE' "
                + "(see 'streambus start --help')");
        err.getBuffer().setLength(0);
        assertThat(run("strat")).isEqualTo(2);
        assertThat(errLine()).startsWith("streambus: Unmatched argument at index 0: 'strat'");
    }

    @Test
    void runtimeFailureIsExitCodeOneAndVerboseAddsTheStackTrace() {
        assertThat(run("dev", "--data-dir", dir.toString(), "--set", "node.id=1")).isZero();
        assertThat(run("dev", "--data-dir", dir.toString(), "--set", "node.id=2")).isEqualTo(1);
        assertThat(errLine()).startsWith("streambus: Data directory " + dir + " belongs to node.id 1");
        err.getBuffer().setLength(0);
        assertThat(run("dev", "--verbose", "--data-dir", dir.toString(), "--set", "node.id=2")).isEqualTo(1);
        assertThat(err.toString()).contains("DataDirectoryException").contains("\tat io.streambus.");
    }

    @Test
    void versionAndHelp() {
        assertThat(run("version")).isZero();
        assertThat(out.toString()).startsWith("StreamBus " + StreamBusVersion.current() + "\nJVM ");
        out.getBuffer().setLength(0);
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("StreamBus ");
        out.getBuffer().setLength(0);
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("dev", "start", "version", "Exit codes: 0 ok, 1 error, 2 usage");
        out.getBuffer().setLength(0);
        assertThat(run("help", "start")).isZero();
        assertThat(out.toString()).contains("--config=FILE", "--set=KEY=VALUE", "--data-dir=DIR");
    }

    @Test
    void noCommandPrintsUsageAndIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: streambus");
    }
}
