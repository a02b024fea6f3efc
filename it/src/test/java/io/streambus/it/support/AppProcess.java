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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A client application's {@code main} in a separate JVM on the tests' classpath, so a test can SIGKILL it
 * at any moment. Its output is appended to a file; {@link #awaitLine} waits for a line containing a text.
 *
 * <p>Threads: driven by the test's thread; one daemon thread per process copies its output.
 */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new ArrayList<>();

    private AppProcess(Process process) {
        this.process = process;
    }

    public static AppProcess start(Class<?> mainClass, Path output, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dlogback.configurationFile=logback-it.xml");
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            AppProcess app = new AppProcess(process);
            Thread.ofPlatform().daemon().name("app-output-" + process.pid()).start(() -> app.copyOutput(output));
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copyOutput(Path output) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND)) {
            String line;
            while ((line = reader.readLine()) != null) {
                writer.write(line);
                writer.write('\n');
                writer.flush();
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process was killed mid-line: nothing more to copy.
        }
    }

    /** Waits until the process printed a line containing {@code text}; false on timeout or exit. */
    public boolean awaitLine(String text, long timeoutMs) throws InterruptedException {
        return awaitLines(text, 1, timeoutMs);
    }

    /** Waits until the process printed {@code count} lines containing {@code text}; false on timeout or exit. */
    public boolean awaitLines(String text, int count, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (lines) {
            while (true) {
                int seen = 0;
                for (String line : lines) {
                    if (line.contains(text) && ++seen >= count) {
                        return true;
                    }
                }
                long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMs <= 0 || !process.isAlive()) {
                    return false;
                }
                lines.wait(Math.min(leftMs, 200));
            }
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
