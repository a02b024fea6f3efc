package io.streambus.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML configuration file into flat dotted keys. Both spellings work and may be mixed:
 * {@code num.partitions: 3} and {@code log: {retention: {ms: 1000}}} (→ {@code log.retention.ms}).
 * A YAML list is accepted for list-typed keys and becomes the comma-separated form.
 *
 * <p>The file is read as a YAML node tree, not as Java objects, so every scalar stays the exact text
 * the user wrote ({@code 010} is not octal, {@code 2024-01-01} not a date) and each value keeps its
 * line number for error messages. Types are the declarations' business, not YAML's. Stateless.
 */
public final class YamlConfigFile {

    private YamlConfigFile() {
    }

    /**
     * @param isListKey which keys take lists; a YAML list for any other key is an error
     * @return flat keys in file order, each with its value and {@code file:line}
     * @throws ServerConfigException if the file is missing, unreadable, not YAML, or not a map of settings
     */
    public static Map<String, RawValue> read(Path file, Predicate<String> isListKey) {
        String display = file.toString();
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(reader);
        } catch (NoSuchFileException e) {
            throw new ServerConfigException(null, "Config file not found: " + display);
        } catch (IOException e) {
            throw new ServerConfigException(null, "Cannot read config file " + display + ": " + e.getMessage(), e);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? -1 : e.getProblemMark().getLine() + 1;
            throw new ServerConfigException(null, "Config file " + display + " is not valid YAML"
                    + (line > 0 ? " at line " + line : "") + ": " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new ServerConfigException(null, "Config file " + display + " is not valid YAML: "
                    + e.getMessage(), e);
        }
        Map<String, RawValue> out = new LinkedHashMap<>();
        if (root == null || isNull(root)) {
            return out;
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new ServerConfigException(null, "Config file " + display + " must be a map of settings "
                    + "(key: value lines), at line " + line(root));
        }
        flatten(display, "", mapping, isListKey, out);
        return out;
    }

    private static void flatten(String file, String prefix, MappingNode mapping, Predicate<String> isListKey,
                                Map<String, RawValue> out) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode) || keyNode.getValue().isBlank()) {
                throw new ServerConfigException(null, "Config file " + file + ": a key at line "
                        + line(tuple.getKeyNode()) + " is not a plain name");
            }
            String key = prefix + keyNode.getValue().trim();
            Node value = tuple.getValueNode();
            String origin = file + ":" + line(keyNode);
            switch (value) {
                case MappingNode nested -> flatten(file, key + ".", nested, isListKey, out);
                case SequenceNode sequence -> put(out, key, new RawValue(joinList(key, origin, sequence, isListKey),
                        origin));
                case ScalarNode scalar when isNull(scalar) -> throw new ServerConfigException(key, key
                        + " has no value (" + origin + "); remove the line to use the default");
                case ScalarNode scalar -> put(out, key, new RawValue(scalar.getValue(), origin));
                default -> throw new ServerConfigException(key, "Unsupported YAML value for " + key + " (" + origin
                        + ")");
            }
        }
    }

    private static String joinList(String key, String origin, SequenceNode sequence, Predicate<String> isListKey) {
        if (!isListKey.test(key)) {
            throw new ServerConfigException(key, key + " takes a single value, not a list (" + origin + ")");
        }
        List<String> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            if (!(item instanceof ScalarNode scalar) || isNull(scalar)) {
                throw new ServerConfigException(key, "Items of " + key + " must be plain values (" + origin + ")");
            }
            if (scalar.getValue().contains(",")) {
                throw new ServerConfigException(key, "Items of " + key + " must not contain ',' (" + origin + ")");
            }
            items.add(scalar.getValue().trim());
        }
        return String.join(",", items);
    }

    private static void put(Map<String, RawValue> out, String key, RawValue value) {
        RawValue previous = out.putIfAbsent(key, value);
        if (previous != null) {
            throw new ServerConfigException(key, key + " is set twice (" + previous.origin() + " and "
                    + value.origin() + ")");
        }
    }

    private static boolean isNull(Node node) {
        return node.getTag().equals(Tag.NULL);
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
