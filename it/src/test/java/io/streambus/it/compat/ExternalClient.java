package io.streambus.it.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a Kafka client that is not Java (kcat on librdkafka, kafkajs on node) as a child process and
 * captures what it printed. The compatibility tests use it to check StreamBus against independently
 * written implementations of the protocol, which is how most of its users will meet it.
 */
final class ExternalClient {

    record Result(int exitCode, String stdout, String stderr) {
    }

    private ExternalClient() {
    }

    /**
     * Skips the calling test when a client is missing on a developer's machine, but fails it where the
     * environment promises every client ({@code STREAMBUS_COMPAT_REQUIRED=1}, set by .ci/run): a matrix that
     * silently skips in CI is a matrix that does not exist.
     */
    static void require(boolean installed, String client) {
        String hint = client + " is not installed: run it/src/test/compat/setup.sh";
        if (!installed && "1".equals(System.getenv("STREAMBUS_COMPAT_REQUIRED"))) {
            throw new AssertionError(hint + " (STREAMBUS_COMPAT_REQUIRED=1)");
        }
        Assumptions.assumeTrue(installed, hint);
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    static Result run(List<String> command, Map<String, String> environment, String stdin, Duration timeout)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("client-out", ".txt");
        Path err = Files.createTempFile("client-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            try (var input = process.getOutputStream()) {
                if (stdin != null) {
                    input.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command.getFirst() + " did not finish within " + timeout + "; stderr: "
                        + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
