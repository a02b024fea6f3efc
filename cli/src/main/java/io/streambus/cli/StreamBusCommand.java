package io.streambus.cli;

import io.streambus.cli.support.GlobalOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top command, {@code streambus}. Its subcommands are registered in {@link StreamBusCli#create};
 * alone it prints its usage and fails as a usage error. It owns the global options, which picocli fills
 * wherever on the command line they appear.
 */
@Command(name = "streambus", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "StreamBus: a Kafka-compatible streaming platform. One binary: the server and the CLI.",
        footer = {"", "Exit codes: 0 ok, 1 error, 2 usage or configuration error.",
                "Profile: $STREAMBUS_PROFILE or ~/.streambus/profile.yaml (bootstrap, timeout, format, properties)."})
final class StreamBusCommand implements Callable<Integer>, GlobalOptions.Holder {

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean verbose;

    @Mixin
    GlobalOptions globalOptions;

    @Override
    public GlobalOptions globalOptions() {
        return globalOptions;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}
