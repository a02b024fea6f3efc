package io.streambus.cli;

import io.streambus.server.BrokerComponent;
import io.streambus.server.StreamBusServer;
import io.streambus.server.config.ServerConfig;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** Starts a server from a loaded config, prints its ready line, and hands it to the context's runner. */
final class ServerCommands {

    private ServerCommands() {
    }

    static int run(CliContext context, CommandSpec spec, ServerConfig config) throws InterruptedException {
        return run(context, spec.commandLine().getOut(), config);
    }

    /** As above, printing the ready line to {@code out}; for the plain forms read without picocli. */
    static int run(CliContext context, PrintWriter out, ServerConfig config) throws InterruptedException {
        StreamBusServer server = StreamBusServer.builder(config)
                .startedAtNanos(context.startNanos())
                .component(BrokerComponent::new)
                .readyListener(line -> {
                    out.println(line);
                    out.flush();
                })
                .start();
        return context.serverRunner().run(server);
    }
}
