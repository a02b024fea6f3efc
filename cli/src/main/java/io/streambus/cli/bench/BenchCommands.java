package io.streambus.cli.bench;

import io.streambus.cli.CliContext;
import io.streambus.cli.support.CommandGroup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code streambus bench produce|consume}: a quick load generator with live progress and a summary. */
@Command(name = "bench", description = "Quick load tests: progress every second on stderr, a summary on stdout.")
public final class BenchCommands extends CommandGroup {

    public static CommandLine create(CliContext context) {
        return new CommandLine(new BenchCommands())
                .addSubcommand(new BenchProduceCommand(context))
                .addSubcommand(new BenchConsumeCommand(context));
    }
}
