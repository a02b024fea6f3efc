package io.streambus.cli.testing;

import io.streambus.cli.CliContext;
import io.streambus.cli.StreamBusCli;
import io.streambus.cli.support.Prompter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

/**
 * Runs {@code streambus} commands in-process, as {@code Main} would, with captured stdout and stderr,
 * a given stdin and a scripted terminal. The profile is an empty file unless a test writes one, so the
 * user's own never leaks in. Not thread-safe: one per test.
 */
public final class CliRunner {

    /** What a command did. */
    public record Result(int exitCode, String out, String err) {
        /** The single line written to stderr (errors are one line). */
        public String errLine() {
            List<String> lines = err.lines().toList();
            if (lines.size() != 1) {
                throw new AssertionError("expected one line on stderr, got: " + err);
            }
            return lines.getFirst();
        }
    }

    private final Map<String, String> env = new HashMap<>();
    private final String bootstrap;
    private String stdin = "";
    private Prompter prompter = Prompter.none();

    public CliRunner(String bootstrap, Path tempDir) {
        this.bootstrap = bootstrap;
        Path profile = tempDir.resolve("profile-" + System.nanoTime() + ".yaml");
        try {
            Files.writeString(profile, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("STREAMBUS_PROFILE", profile.toString());
        env.put("COLUMNS", "200");
    }

    public CliRunner env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public CliRunner stdin(String text) {
        this.stdin = text;
        return this;
    }

    /** A terminal on which the operator answers {@code answer} to every question. */
    public CliRunner answering(boolean answer) {
        this.prompter = question -> Optional.of(answer);
        return this;
    }

    /** Runs with {@code --bootstrap} to the test broker (when there is one) before the arguments. */
    public Result run(String... args) {
        List<String> all = new ArrayList<>();
        if (bootstrap != null) {
            all.add("--bootstrap");
            all.add(bootstrap);
        }
        all.addAll(List.of(args));
        return runExactly(all.toArray(String[]::new));
    }

    /** A command running on another thread, whose stdout can be watched while it runs. */
    public record Running(CompletableFuture<Result> result, StringWriter out) {
        public String outSoFar() {
            return out.toString();
        }
    }

    /** Starts a command (with {@code --bootstrap}) on another thread. */
    public Running start(String... args) {
        List<String> all = new ArrayList<>();
        if (bootstrap != null) {
            all.add("--bootstrap");
            all.add(bootstrap);
        }
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        return new Running(CompletableFuture.supplyAsync(() -> execute(out, all.toArray(String[]::new))), out);
    }

    /** Runs exactly these arguments. */
    public Result runExactly(String... args) {
        return execute(new StringWriter(), args);
    }

    private Result execute(StringWriter out, String... args) {
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(env, server -> 0, System.nanoTime(),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), prompter);
        CommandLine cli = StreamBusCli.create(context);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
