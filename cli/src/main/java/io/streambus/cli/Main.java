package io.streambus.cli;

import io.streambus.server.config.ServerConfigLoader;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Entry point of {@code streambus.jar}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        CliContext context = new CliContext(System.getenv(), ServerRunner.untilSignalled(), processStartNanos());
        Optional<ServerConfigLoader> plain = PlainServerArgs.parse(args, context.environment());
        System.exit(plain.isPresent() ? runPlain(context, plain.get()) : StreamBusCli.create(context).execute(args));
    }

    /** A plain {@code start}/{@code dev} (see {@link PlainServerArgs}), with the CLI's error reporting. */
    private static int runPlain(CliContext context, ServerConfigLoader loader) {
        PrintWriter out = new PrintWriter(System.out, true);
        try {
            return ServerCommands.run(context, out, loader.load());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StreamBusCli.reportError(e, new PrintWriter(System.err, true), false);
        } catch (RuntimeException e) {
            return StreamBusCli.reportError(e, new PrintWriter(System.err, true), false);
        }
    }

    /** The process's start in nanoTime terms, so "ready in N ms" includes JVM start-up; now if unknown. */
    private static long processStartNanos() {
        long now = System.nanoTime();
        return ProcessHandle.current().info().startInstant()
                .map(start -> now - Duration.between(start, Instant.now()).toNanos())
                .orElse(now);
    }
}
