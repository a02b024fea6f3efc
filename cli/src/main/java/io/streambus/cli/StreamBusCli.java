package io.streambus.cli;

import io.streambus.cli.bench.BenchCommands;
import io.streambus.cli.cluster.ClusterCommands;
import io.streambus.cli.config.ConfigCommands;
import io.streambus.cli.consume.ConsumeCommand;
import io.streambus.cli.group.GroupCommands;
import io.streambus.cli.produce.ProduceCommand;
import io.streambus.cli.support.CliException;
import io.streambus.cli.topic.TopicCommands;
import io.streambus.server.ServerException;
import io.streambus.server.config.ServerConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Builds the {@code streambus} command tree and its error handling. Every command is registered
 * here; the operator commands (topic, produce, consume, group, config, bench) slot in beside
 * {@code dev} and {@code start}.
 *
 * <p>Exit codes: 0 ok, 1 error, 2 usage or configuration error. An error is one line on stderr,
 * {@code streambus: <message>}; {@code --verbose} adds the stack trace.
 */
public final class StreamBusCli {

    private StreamBusCli() {
    }

    public static CommandLine create(CliContext context) {
        CommandLine cli = new CommandLine(new StreamBusCommand());
        cli.addSubcommand("dev", new DevCommand(context));
        cli.addSubcommand("start", new StartCommand(context));
        cli.addSubcommand("version", new VersionCommand());
        cli.addSubcommand(ClusterCommands.create(context));
        cli.addSubcommand(TopicCommands.create(context));
        cli.addSubcommand(new ProduceCommand(context));
        cli.addSubcommand(new ConsumeCommand(context));
        cli.addSubcommand(GroupCommands.create(context));
        cli.addSubcommand(ConfigCommands.create(context));
        cli.addSubcommand(BenchCommands.create(context));
        cli.addSubcommand("completion", new CompletionCommand());
        cli.addSubcommand("help", new CommandLine.HelpCommand());
        cli.addSubcommand("aot-train", new AotTrainCommand(context));
        cli.setParameterExceptionHandler(StreamBusCli::usageError);
        cli.setExecutionExceptionHandler(StreamBusCli::executionError);
        return cli;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("streambus: " + e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName()
                + " --help')");
        return CommandLine.ExitCode.USAGE;
    }

    private static int executionError(Exception e, CommandLine cmd, ParseResult parsed) {
        return reportError(e, cmd.getErr(), verbose(parsed));
    }

    /** One line on {@code err} (plus the stack trace if {@code verbose}); returns the exit code. */
    static int reportError(Exception e, PrintWriter err, boolean verbose) {
        boolean expected = e instanceof ServerException || e instanceof CliException;
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        // Unexpected exceptions keep their type: the message alone may not say what went wrong.
        err.println("streambus: " + (expected ? message : e.getClass().getSimpleName() + ": " + message));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        boolean usage = e instanceof ServerConfigException || e instanceof CliException c && c.isUsage();
        return usage ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
