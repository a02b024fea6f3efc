package io.streambus.metadata.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Parsed, validated values of a {@link ConfigDef} (defaults filled in), plus the strings they came from. Immutable. */
public final class ConfigValues {

    private final Map<String, Object> values;
    private final Map<String, String> originals;

    ConfigValues(Map<String, Object> values, Map<String, String> originals) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.originals = Collections.unmodifiableMap(new TreeMap<>(originals));
    }

    /** The value of a key: as set, else its default (null if it has none). */
    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        if (!values.containsKey(key.name())) {
            throw new IllegalArgumentException("config key " + key.name() + " is not part of this definition");
        }
        return (T) values.get(key.name());
    }

    /** Whether the key was set explicitly (rather than defaulted). */
    public boolean isSet(ConfigKey<?> key) {
        return originals.containsKey(key.name());
    }

    /** The strings as given, including keys a lenient parse ignored. */
    public Map<String, String> originals() {
        return originals;
    }
}
