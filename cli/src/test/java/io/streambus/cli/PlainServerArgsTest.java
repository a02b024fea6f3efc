package io.streambus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.server.StreamBusServer;
import io.streambus.server.config.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The plain server forms read without picocli mean what picocli makes of them; everything else is left to it. */
class PlainServerArgsTest {

    private static final Map<String, String> ENV = Map.of("STREAMBUS_NUM_PARTITIONS", "7");

    @TempDir
    Path dir;

    @Test
    void startWithFileSetAndDataDirAgreesWithPicocli() throws IOException {
        Path yaml = Files.writeString(dir.resolve("streambus.yaml"),
                "node.id: 3\nnum.partitions: 2\nlog.dirs: [" + dir.resolve("from-file") + "]\n");
        assertAgree("start", "--config", yaml.toString(), "--set", "listeners=PLAINTEXT://127.0.0.1:0",
                "--set", "default.replication.factor=1", "--data-dir", dir.resolve("data").toString());
    }

    @Test
    void devWithOverridesAgreesWithPicocli() {
        assertAgree("dev", "--set", "listeners=PLAINTEXT://127.0.0.1:0", "--set", "node.id=4",
                "--set", "log.dirs=" + dir.resolve("ignored"), "--data-dir", dir.resolve("data").toString());
    }

    @Test
    void shortConfigOptionIsPlain() throws IOException {
        Path yaml = Files.writeString(dir.resolve("s.yaml"), "listeners: [\"PLAINTEXT://127.0.0.1:0\"]\n");
        assertAgree("start", "-c", yaml.toString(), "--data-dir", dir.resolve("data").toString());
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        String[][] notPlain = {
            {}, {"version"}, {"help"}, {"start"}, {"start", "--help"}, {"start", "--config"},
            {"start", "--config=a.yaml"}, {"start", "-c", "a.yaml", "--verbose"}, {"--verbose", "dev"},
            {"dev", "--config", "a.yaml"}, {"dev", "--data-dir", "a", "--data-dir", "b"},
            {"start", "-c", "a.yaml", "-c", "b.yaml"}, {"dev", "--set", "--data-dir"}, {"dev", "--unknown", "x"},
        };
        for (String[] args : notPlain) {
            assertThat(PlainServerArgs.parse(args, ENV)).as(String.join(" ", args)).isEmpty();
        }
    }

    /** Loads the config both ways: the plain reader's, and the one picocli's command starts a server with. */
    private void assertAgree(String... args) {
        ServerConfig plain = PlainServerArgs.parse(args, ENV).orElseThrow().load();
        ServerConfig viaPicocli = runViaPicocli(args);
        assertThat(plain.nodeId()).isEqualTo(viaPicocli.nodeId());
        assertThat(plain.dataDir()).isEqualTo(viaPicocli.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(plain.listeners()).isEqualTo(viaPicocli.listeners());
        assertThat(plain.numPartitions()).isEqualTo(viaPicocli.numPartitions()).isEqualTo(7);
        assertThat(plain.defaultReplicationFactor()).isEqualTo(viaPicocli.defaultReplicationFactor());
    }

    private ServerConfig runViaPicocli(String... args) {
        AtomicReference<ServerConfig> config = new AtomicReference<>();
        ServerRunner stopAtOnce = (StreamBusServer server) -> {
            config.set(server.config());
            server.close();
            return 0;
        };
        CommandLine cli = StreamBusCli.create(new CliContext(ENV, stopAtOnce, System.nanoTime()));
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute(args)).as("stderr: %s", err).isZero();
        return config.get();
    }
}
