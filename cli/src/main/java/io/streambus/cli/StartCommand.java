package io.streambus.cli;

import io.streambus.server.config.ServerConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code streambus start --config FILE}: a node configured by a YAML file, environment and flags. */
@Command(name = "start", description = {"Run a node configured by a YAML file (see config/streambus.yaml).",
        "Precedence: file < STREAMBUS_* environment variables < --set < --data-dir.",
        "SIGTERM or Ctrl-C stops it cleanly."})
final class StartCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true, description = "The YAML config file.")
    Path configFile;

    @Mixin
    ServerOptions options;

    StartCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerConfigLoader loader = new ServerConfigLoader().file(configFile).environment(context.environment());
        return ServerCommands.run(context, spec, options.applyTo(loader).load());
    }
}
