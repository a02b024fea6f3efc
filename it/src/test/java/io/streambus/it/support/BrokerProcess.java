package io.streambus.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A StreamBus node in a separate JVM: {@code io.streambus.cli.Main start --config FILE --data-dir DIR},
 * run by the JDK running the tests, on the tests' classpath. Readiness and the bound port come from the
 * node's ready line on stdout; every line of its output is copied to {@code output} for post-mortems.
 * {@link #kill()} is SIGKILL: no shutdown hook runs, nothing is flushed that was not already.
 *
 * <p>Threads: driven by the test's thread; one daemon thread per process copies its output.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile(" ready in .*PLAINTEXT://127\\.0\\.0\\.1:(\\d+)");
    private static final long START_TIMEOUT_MS = 60_000;

    private final Process process;
    private final int port;

    private BrokerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a node on {@code dataDir} and waits for its ready line.
     *
     * @param output file the node's stdout and stderr are appended to
     * @param settings extra {@code key=value} settings passed as {@code --set}
     */
    public static BrokerProcess start(Path dataDir, Path output, String... settings) {
        try {
            Path config = dataDir.resolveSibling(dataDir.getFileName() + ".yaml");
            Files.writeString(config, "listeners: [\"PLAINTEXT://127.0.0.1:0\"]\n");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElseThrow());
            command.add("-Xmx512m");
            command.add("--enable-native-access=ALL-UNNAMED");
            command.add("-cp");
            command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
            command.add("io.streambus.cli.Main");
            command.add("start");
            command.add("--config");
            command.add(config.toString());
            command.add("--data-dir");
            command.add(dataDir.toString());
            for (String setting : settings) {
                command.add("--set");
                command.add(setting);
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            // The node reads STREAMBUS_* variables; the test's environment must not leak into it.
            builder.environment().keySet().removeIf(name -> name.startsWith("STREAMBUS"));
            Process process = builder.start();
            CompletableFuture<Integer> ready = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("broker-output-" + process.pid())
                    .start(() -> copyOutput(process, output, ready));
            int port = awaitReady(process, ready, output);
            return new BrokerProcess(process, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a node like {@link #start} on its own thread: the nodes of a cluster become ready together, once
     * their quorum has elected a controller, so they must be started together.
     */
    public static CompletableFuture<BrokerProcess> startInBackground(Path dataDir, Path output, String... settings) {
        CompletableFuture<BrokerProcess> started = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("start-" + dataDir.getFileName()).start(() -> {
            try {
                started.complete(start(dataDir, output, settings));
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
            }
        });
        return started;
    }

    /** Sends the process a signal ({@code STOP}, {@code CONT}, ...), as an operator's {@code kill -SIG} would. */
    public void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void copyOutput(Process process, Path output, CompletableFuture<Integer> ready) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND)) {
            String line;
            while ((line = reader.readLine()) != null) {
                writer.write(line);
                writer.write('\n');
                writer.flush();
                Matcher matcher = READY.matcher(line);
                if (!ready.isDone() && matcher.find()) {
                    ready.complete(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        } finally {
            ready.completeExceptionally(new IllegalStateException("broker process ended before it was ready"));
        }
    }

    private static int awaitReady(Process process, CompletableFuture<Integer> ready, Path output) {
        try {
            return ready.get(START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("broker process did not become ready; its output is in " + output, e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL, then waits for the process to be gone (so its data directory lock is released). */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: the node's shutdown hook closes it cleanly. Waits for exit and returns the exit code. */
    public int stop() {
        process.destroy();
        return awaitExit();
    }

    private int awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
