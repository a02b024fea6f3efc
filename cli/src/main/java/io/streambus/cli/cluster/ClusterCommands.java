package io.streambus.cli.cluster;

import io.streambus.cli.CliContext;
import io.streambus.cli.support.CommandGroup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code streambus cluster info|health}. */
@Command(name = "cluster", description = "Brokers, controller, topics and health of the cluster.")
public final class ClusterCommands extends CommandGroup {

    public static CommandLine create(CliContext context) {
        return new CommandLine(new ClusterCommands())
                .addSubcommand(new ClusterInfoCommand(context))
                .addSubcommand(new ClusterHealthCommand(context));
    }
}
