package io.streambus.metadata.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A set of config keys, in declaration order. Built once (by {@link TopicConfigs},
 * {@link BrokerConfigs}) and immutable after that; thread-safe to read.
 */
public final class ConfigDef {

    private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();

    /** Adds a key; a name may be declared only once. */
    public <T> ConfigKey<T> define(ConfigKey<T> key) {
        if (keys.putIfAbsent(key.name(), key) != null) {
            throw new IllegalArgumentException("config key " + key.name() + " declared twice");
        }
        return key;
    }

    public Optional<ConfigKey<?>> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    public boolean contains(String name) {
        return keys.containsKey(name);
    }

    public Collection<ConfigKey<?>> keys() {
        return Collections.unmodifiableCollection(keys.values());
    }

    /**
     * Parses and validates one value of a declared key.
     *
     * @throws InvalidConfigException if the key is unknown or the value invalid
     */
    public Object parse(String name, String raw) {
        ConfigKey<?> key = keys.get(name);
        if (key == null) {
            throw new InvalidConfigException(name, "Unknown configuration " + name);
        }
        return key.parse(raw);
    }

    /**
     * Parses a whole map of string values, filling in defaults.
     *
     * @param ignoreUnknown whether keys not declared here are skipped rather than rejected
     * @throws InvalidConfigException on the first invalid or (unless ignored) unknown key
     */
    public ConfigValues parse(Map<String, String> raw, boolean ignoreUnknown) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigKey<?> key : keys.values()) {
            String value = raw.get(key.name());
            values.put(key.name(), value == null ? key.defaultValue() : key.parse(value));
        }
        if (!ignoreUnknown) {
            for (String name : raw.keySet()) {
                if (!keys.containsKey(name)) {
                    throw new InvalidConfigException(name, "Unknown configuration " + name);
                }
            }
        }
        return new ConfigValues(values, raw);
    }
}
