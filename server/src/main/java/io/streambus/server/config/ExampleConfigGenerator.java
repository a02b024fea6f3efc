package io.streambus.server.config;

import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.metadata.config.ConfigKey;
import io.streambus.metadata.config.ConfigType;
import io.streambus.metadata.config.TopicConfigs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Generates the documented example configuration, {@code config/streambus.yaml}, from the key
 * declarations: every key with its documentation, accepted values and default, as a commented-out
 * line holding the default, so a user uncomments what they change. A test fails when the committed
 * file differs from {@link #generate()}. Stateless.
 */
public final class ExampleConfigGenerator {

    /** Where the file lives, relative to the repository root. */
    public static final String PATH = "config/streambus.yaml";

    private static final int WIDTH = 100;
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/-]+");
    private static final Set<String> YAML_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n");

    private ExampleConfigGenerator() {
    }

    /** Writes the file; {@code args[0]} is the path (default {@value #PATH}). */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : PATH);
        Files.writeString(target, generate(), StandardCharsets.UTF_8);
    }

    public static String generate() {
        StringBuilder out = new StringBuilder();
        header(out);
        Set<String> topicDefaults = new HashSet<>();
        TopicConfigs.all().forEach(c -> c.brokerSynonyms().forEach(s -> topicDefaults.add(s.name())));
        List<ConfigKey<?>> broker = new ArrayList<>();
        List<ConfigKey<?>> topics = new ArrayList<>();
        BrokerConfigs.definition().keys().forEach(k -> (topicDefaults.contains(k.name()) ? topics : broker).add(k));

        section(out, "Broker", "This node, its listeners and limits.");
        broker.forEach(k -> key(out, k));
        section(out, "Topic defaults", "Cluster-wide defaults of topic configs (a topic's own config overrides "
                + "them). Where several units exist, the finest one set wins: ms over minutes over hours.");
        topics.forEach(k -> key(out, k));
        section(out, "StreamBus", "Settings of the StreamBus process that Kafka has no name for. Keys under "
                + ServerConfigs.EXTENSION_NAMESPACE + " are reserved for extensions and passed through unchecked.");
        ServerConfigs.serverDefinition().keys().forEach(k -> key(out, k));
        return out.toString();
    }

    private static void header(StringBuilder out) {
        comment(out, "StreamBus configuration: every key, with its documentation and default value.");
        out.append("#\n");
        comment(out, "Lines of the form '#key: value' show the default: uncomment a line and change the value to "
                + "override it. Keys use Kafka's names where Kafka has the setting. Both flat dotted keys "
                + "(num.partitions: 3) and nested maps (log: {retention: {ms: 1000}}) work; list values may be "
                + "YAML lists or comma-separated strings.");
        out.append("#\n");
        comment(out, "Later sources override earlier ones: this file, then environment variables (STREAMBUS_ + the "
                + "key in upper case with '_' for '.', e.g. STREAMBUS_NUM_PARTITIONS=3; StreamBus's own keys also "
                + "without the STREAMBUS_ part, e.g. STREAMBUS_LOG_LEVEL=DEBUG), then --set key=value, then "
                + "dedicated flags such as --data-dir. Start with: streambus start --config " + PATH);
        out.append("#\n");
        comment(out, "Generated from the key declarations by " + ExampleConfigGenerator.class.getName()
                + "; do not edit by hand.");
    }

    private static void section(StringBuilder out, String title, String description) {
        out.append("\n# ").append("=".repeat(WIDTH - 2)).append('\n');
        comment(out, title.toUpperCase(Locale.ROOT) + ". " + description);
        out.append("# ").append("=".repeat(WIDTH - 2)).append('\n');
    }

    private static void key(StringBuilder out, ConfigKey<?> key) {
        out.append('\n');
        comment(out, key.documentation());
        String accepted = "Accepted: " + AcceptedValues.describe(key) + ".";
        String changes = key.isReadOnly() ? " Restart to change." : " Also changeable at runtime (AlterConfigs).";
        comment(out, key.defaultValue() == null ? accepted + " No default." + changes : accepted + changes);
        out.append('#').append(key.name()).append(':');
        if (key.defaultValue() != null) {
            out.append(' ').append(yamlValue(key));
        }
        out.append('\n');
    }

    @SuppressWarnings("unchecked")
    private static String yamlValue(ConfigKey<?> key) {
        Object value = key.defaultValue();
        if (key.type() == ConfigType.LIST) {
            List<String> items = new ArrayList<>();
            ((List<Object>) value).forEach(item -> items.add(scalar(String.valueOf(item))));
            return "[" + String.join(", ", items) + "]";
        }
        return key.type() == ConfigType.STRING ? scalar((String) value) : String.valueOf(value);
    }

    /** A YAML scalar that reads back as exactly this string. */
    private static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !YAML_WORDS.contains(s.toLowerCase(Locale.ROOT))) {
            return s;
        }
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Appends text as '# ' lines wrapped at {@link #WIDTH}. */
    private static void comment(StringBuilder out, String text) {
        StringBuilder line = new StringBuilder("#");
        for (String word : text.split(" ")) {
            if (line.length() + 1 + word.length() > WIDTH && line.length() > 1) {
                out.append(line).append('\n');
                line = new StringBuilder("#");
            }
            line.append(' ').append(word);
        }
        out.append(line).append('\n');
    }
}
