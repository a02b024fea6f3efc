package io.streambus.it.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.utils.Exit;

/**
 * Runs one of Kafka's command-line tools (from {@code kafka-tools}) in this JVM, as an operator would run
 * it against a broker: calls its {@code main}, captures what it prints and how it exits. The tools end
 * through Kafka's {@link Exit}, which is redirected to an exception here so the JVM keeps running.
 *
 * <p>Threads: swaps {@code System.out}/{@code System.err} while a tool runs, so tools must not run
 * concurrently with each other or with other tests of the same JVM (surefire runs classes one by one).
 */
public final class KafkaTool {

    /** What a tool printed and its exit code (0 when {@code main} returned normally). */
    public record Result(int exitCode, String out, String err) {
    }

    /** A tool's {@code main}. */
    @FunctionalInterface
    public interface Main {
        void run(String[] args) throws Exception;
    }

    private static final class ExitCalled extends RuntimeException {
        ExitCalled() {
            super("Exit.exit called", null, false, false);
        }
    }

    private KafkaTool() {
    }

    public static synchronized Result run(Main main, String... args) throws Exception {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // The first exit is the tool's answer: some tools catch the exception and exit again with 1.
        AtomicInteger firstExit = new AtomicInteger(-1);
        Exit.setExitProcedure((code, message) -> {
            firstExit.compareAndSet(-1, code);
            throw new ExitCalled();
        });
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            main.run(args);
        } catch (ExitCalled e) {
            // the code is in firstExit
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            Exit.resetExitProcedure();
        }
        int exitCode = Math.max(0, firstExit.get());
        Result result = new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        // Surefire keeps each class's output: the tools' output is there for post-mortems.
        originalOut.println("--- " + String.join(" ", args) + " -> exit " + exitCode);
        originalOut.print(result.out());
        originalOut.print(result.err());
        return result;
    }
}
