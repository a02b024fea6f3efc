package io.streambus.cli.support;

import io.streambus.cli.output.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import picocli.CommandLine.TypeConversionException;

/**
 * Defaults for the global flags, from {@code $STREAMBUS_PROFILE} or {@code ~/.streambus/profile.yaml}:
 * <pre>
 * bootstrap: broker-1:9092,broker-2:9092
 * timeout: 5s
 * format: table
 * properties:                  # passed to every Kafka client (e.g. security settings)
 *   security.protocol: SSL
 * </pre>
 * Any key may be left out; a missing default file is an empty profile, a missing named one an error.
 */
public record Profile(String bootstrap, Duration timeout, Format format, Map<String, String> properties) {

    public static final String ENV = "STREAMBUS_PROFILE";
    private static final Set<String> KEYS = Set.of("bootstrap", "timeout", "format", "properties");

    public Profile {
        properties = Map.copyOf(properties);
    }

    public static Profile empty() {
        return new Profile(null, null, null, Map.of());
    }

    /** The profile the environment names, or the default one in the user's home. */
    public static Profile load(Map<String, String> environment) {
        String named = environment.get(ENV);
        if (named != null && !named.isBlank()) {
            Path file = Path.of(named);
            if (!Files.isRegularFile(file)) {
                throw CliException.usage("Profile not found: " + file + " (from $" + ENV + ")");
            }
            return read(file);
        }
        Path file = Path.of(System.getProperty("user.home"), ".streambus", "profile.yaml");
        return Files.isRegularFile(file) ? read(file) : empty();
    }

    static Profile read(Path file) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (IOException | YAMLException e) {
            throw CliException.usage("Cannot read profile " + file + ": " + oneLine(e.getMessage()));
        }
        if (root == null) {
            return empty();
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw CliException.usage("Profile " + file + " must be a map of bootstrap, timeout, format, properties");
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw CliException.usage("Unknown key '" + key + "' in profile " + file
                        + "; accepted: bootstrap, timeout, format, properties");
            }
        }
        try {
            Object timeout = map.get("timeout");
            Object format = map.get("format");
            Map<String, String> properties = new LinkedHashMap<>();
            if (map.get("properties") instanceof Map<?, ?> props) {
                props.forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
            } else if (map.get("properties") != null) {
                throw new TypeConversionException("'properties' must be a map of Kafka client settings");
            }
            return new Profile(map.get("bootstrap") == null ? null : String.valueOf(map.get("bootstrap")),
                    timeout == null ? null : Durations.parse(String.valueOf(timeout)),
                    format == null ? null : parseFormat(String.valueOf(format)), properties);
        } catch (TypeConversionException e) {
            throw CliException.usage("Profile " + file + ": " + e.getMessage());
        }
    }

    static Format parseFormat(String value) {
        try {
            return Format.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a format; accepted: table, json, yaml");
        }
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").strip();
    }
}
