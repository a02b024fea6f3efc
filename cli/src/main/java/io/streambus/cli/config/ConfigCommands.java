package io.streambus.cli.config;

import io.streambus.cli.CliContext;
import io.streambus.cli.support.CommandGroup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code streambus config get|set}: configs of topics and brokers. */
@Command(name = "config", description = "Read and change configs of topics and brokers.")
public final class ConfigCommands extends CommandGroup {

    public static CommandLine create(CliContext context) {
        return new CommandLine(new ConfigCommands())
                .addSubcommand(new ConfigGetCommand(context))
                .addSubcommand(new ConfigSetCommand(context));
    }
}
