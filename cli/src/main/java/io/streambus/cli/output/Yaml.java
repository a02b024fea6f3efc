package io.streambus.cli.output;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;

/** Writes the same plain values as {@link Json} as a block-style YAML document, through SnakeYAML. Stateless. */
public final class Yaml {

    private Yaml() {
    }

    public static String write(Object value) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setSplitLines(false);
        return new org.yaml.snakeyaml.Yaml(options).dump(plain(value));
    }

    /** Tables become lists of maps; other objects their strings, so SnakeYAML never emits class tags. */
    static Object plain(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Number n -> n;
            case Boolean b -> b;
            case ByteSize b -> b.bytes();
            case Table t -> plain(t.toMaps());
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
                yield copy;
            }
            case Collection<?> values -> {
                List<Object> copy = new ArrayList<>(values.size());
                values.forEach(v -> copy.add(plain(v)));
                yield copy;
            }
            default -> value.toString();
        };
    }
}
