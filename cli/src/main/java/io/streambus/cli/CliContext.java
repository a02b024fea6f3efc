package io.streambus.cli;

import io.streambus.cli.support.Prompter;
import java.io.InputStream;
import java.util.Map;

/**
 * What the commands get from the process, injected so that tests run them in-process.
 *
 * @param environment  the environment variables ({@code STREAMBUS_*} override config keys, {@code COLUMNS} sizes
 *                     tables, {@code STREAMBUS_PROFILE} names the profile file)
 * @param serverRunner runs a started server until it stops
 * @param startNanos   when the process started, in {@code System.nanoTime()} terms, for the ready line
 * @param stdin        records for {@code produce} when no file is given
 * @param prompter     asks for confirmation of destructive commands on a terminal
 */
public record CliContext(Map<String, String> environment, ServerRunner serverRunner, long startNanos,
                         InputStream stdin, Prompter prompter) {

    public CliContext {
        environment = Map.copyOf(environment);
    }

    /** The process's own stdin and terminal. */
    public CliContext(Map<String, String> environment, ServerRunner serverRunner, long startNanos) {
        this(environment, serverRunner, startNanos, System.in, Prompter.console());
    }
}
