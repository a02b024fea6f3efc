package io.streambus.cli.topic;

import io.streambus.cli.CliContext;
import io.streambus.cli.support.CommandGroup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code streambus topic ...}: create, list, describe, alter-config, add-partitions, delete. */
@Command(name = "topic", description = "Create, list, describe, change and delete topics.")
public final class TopicCommands extends CommandGroup {

    public static CommandLine create(CliContext context) {
        return new CommandLine(new TopicCommands())
                .addSubcommand(new TopicCreateCommand(context))
                .addSubcommand(new TopicListCommand(context))
                .addSubcommand(new TopicDescribeCommand(context))
                .addSubcommand(new TopicAlterConfigCommand(context))
                .addSubcommand(new TopicAddPartitionsCommand(context))
                .addSubcommand(new TopicDeleteCommand(context));
    }
}
