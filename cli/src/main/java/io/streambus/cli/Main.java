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
        applyNettyDefaults();
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

    /**
     * Netty defaults that cost a broker without serving it; an operator can set either property in
     * STREAMBUS_JVM_OPTS. Leak detection tracks one buffer in 128 with a captured stack trace (about 1,400
     * traces per 2 GB consumed): tests keep it. Allocator JFR events make the first connection start JFR's
     * event machinery, about 65 ms before the first request is answered.
     */
    private static void applyNettyDefaults() {
        setIfAbsent("io.netty.leakDetection.level", "disabled");
        setIfAbsent("io.netty.jfr.enabled", "false");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
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
