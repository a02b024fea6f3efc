package io.streambus.cli.group;

import io.streambus.cli.CliContext;
import io.streambus.cli.support.CommandGroup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code streambus group list|describe|reset-offsets|delete}: consumer groups. */
@Command(name = "group", description = "List, describe, reset and delete consumer groups.")
public final class GroupCommands extends CommandGroup {

    public static CommandLine create(CliContext context) {
        return new CommandLine(new GroupCommands())
                .addSubcommand(new GroupListCommand(context))
                .addSubcommand(new GroupDescribeCommand(context))
                .addSubcommand(new GroupResetOffsetsCommand(context))
                .addSubcommand(new GroupDeleteCommand(context));
    }
}
