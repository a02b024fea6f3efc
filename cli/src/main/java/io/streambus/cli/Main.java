package io.streambus.cli;

import java.time.Duration;
import java.time.Instant;

/** Entry point of {@code streambus.jar}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        CliContext context = new CliContext(System.getenv(), ServerRunner.untilSignalled(), processStartNanos());
        System.exit(StreamBusCli.create(context).execute(args));
    }

    /** The process's start in nanoTime terms, so "ready in N ms" includes JVM start-up; now if unknown. */
    private static long processStartNanos() {
        long now = System.nanoTime();
        return ProcessHandle.current().info().startInstant()
                .map(start -> now - Duration.between(start, Instant.now()).toNanos())
                .orElse(now);
    }
}
