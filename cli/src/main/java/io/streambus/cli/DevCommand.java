package io.streambus.cli;

import io.streambus.server.config.ServerConfigLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code streambus dev}: one node, no config file, data in ./data, listener on 127.0.0.1:9092. */
@Command(name = "dev", description = {"Run a single development node with zero configuration:",
        "data in ./data, Kafka listener on 127.0.0.1:9092. Ctrl-C stops it cleanly."})
final class DevCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions options;

    DevCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerConfigLoader loader = new ServerConfigLoader().environment(context.environment());
        return ServerCommands.run(context, spec, options.applyTo(loader).load());
    }
}
