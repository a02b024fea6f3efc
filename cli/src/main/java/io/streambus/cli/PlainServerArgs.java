package io.streambus.cli;

import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.server.config.ServerConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plain forms of the server commands, read without picocli: {@code start --config FILE} (or {@code -c})
 * and {@code dev}, each with any number of {@code --set KEY=VALUE} and {@code --data-dir DIR}, space-separated.
 * They mean exactly what {@link StartCommand}, {@link DevCommand} and {@link ServerOptions} define; anything
 * else (help, {@code --verbose}, {@code --opt=value}, an unknown or missing option) is not plain, and picocli
 * parses it, with its help and its error messages. {@code PlainServerArgsTest} checks both agree.
 *
 * <p>Why a second reader: picocli's classes are Java 5 class files, which the JVM verifies with its old,
 * slow verifier at every start and which the AOT cache cannot hold; building its command model took about
 * 0.1 to 0.3 s of every broker start, the largest single share of it.
 */
final class PlainServerArgs {

    private PlainServerArgs() {
    }

    /** A loader holding what {@code args} ask for, or empty when they are not a plain server command. */
    static Optional<ServerConfigLoader> parse(String[] args, Map<String, String> environment) {
        if (args.length == 0 || !(args[0].equals("start") || args[0].equals("dev"))) {
            return Optional.empty();
        }
        boolean start = args[0].equals("start");
        Path configFile = null;
        String dataDir = null;
        List<String> sets = new ArrayList<>();
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
                return Optional.empty();
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--config", "-c" -> {
                    if (!start || configFile != null) {
                        return Optional.empty();
                    }
                    configFile = Path.of(value);
                }
                case "--set" -> sets.add(value);
                case "--data-dir" -> {
                    if (dataDir != null) {
                        return Optional.empty();
                    }
                    dataDir = value;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (start && configFile == null) {
            return Optional.empty();
        }
        // The order of StartCommand/DevCommand and ServerOptions.applyTo: file, environment, --set, --data-dir.
        ServerConfigLoader loader = new ServerConfigLoader();
        if (start) {
            loader.file(configFile);
        }
        loader.environment(environment);
        sets.forEach(loader::set);
        if (dataDir != null) {
            loader.flag("--data-dir", BrokerConfigs.LOG_DIRS, dataDir);
        }
        return Optional.of(loader);
    }
}
