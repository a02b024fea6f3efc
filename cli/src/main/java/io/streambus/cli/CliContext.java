package io.streambus.cli;

import java.util.Map;

/**
 * What the commands get from the process, injected so that tests run them in-process.
 *
 * @param environment  the environment variables ({@code STREAMBUS_*} override config keys)
 * @param serverRunner runs a started server until it stops
 * @param startNanos   when the process started, in {@code System.nanoTime()} terms, for the ready line
 */
public record CliContext(Map<String, String> environment, ServerRunner serverRunner, long startNanos) {

    public CliContext {
        environment = Map.copyOf(environment);
    }
}
