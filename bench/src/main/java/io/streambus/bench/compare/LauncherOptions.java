package io.streambus.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM options StreamBus's launcher ({@code ./streambus}) starts the server with, read from the script
 * itself so that the benchmark runs StreamBus exactly as users do and cannot drift from the launcher.
 * The script holds them in one bash array line: {@code jvm_opts=(-XX:+UseZGC -Xms16m ...)}.
 */
public final class LauncherOptions {

    private static final String PREFIX = "jvm_opts=(";

    private LauncherOptions() {
    }

    public static List<String> read(Path launcherScript) throws IOException {
        return parse(Files.readString(launcherScript));
    }

    static List<String> parse(String script) {
        for (String line : script.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith(PREFIX) && trimmed.endsWith(")")) {
                String body = trimmed.substring(PREFIX.length(), trimmed.length() - 1).trim();
                if (body.contains("\"") || body.contains("'") || body.contains("$")) {
                    // Quoting or expansion would need a shell to interpret; fail rather than guess.
                    throw new IllegalArgumentException("launcher jvm_opts needs a shell to expand: " + trimmed);
                }
                return Arrays.stream(body.split("\\s+")).filter(s -> !s.isEmpty()).toList();
            }
        }
        throw new IllegalArgumentException("no 'jvm_opts=(...)' line in the launcher script");
    }
}
