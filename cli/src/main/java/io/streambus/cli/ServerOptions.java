package io.streambus.cli;

import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.server.config.ServerConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the commands that run a server: overrides of single keys. */
public final class ServerOptions {

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set a config key; repeatable. Overrides the file and STREAMBUS_* environment variables.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (log.dirs); overrides all else.")
    Path dataDir;

    /** Adds these overrides to a loader, after its file and environment. */
    ServerConfigLoader applyTo(ServerConfigLoader loader) {
        sets.forEach(loader::set);
        if (dataDir != null) {
            loader.flag("--data-dir", BrokerConfigs.LOG_DIRS, dataDir.toString());
        }
        return loader;
    }
}
