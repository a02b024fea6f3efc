package io.streambus.metadata.config;

import java.util.List;
import java.util.Objects;

/**
 * One config key, declared once: name, type, default, validator, documentation, and whether it
 * is read-only (cannot be changed while running) or sensitive (its value is never shown).
 * Immutable.
 *
 * @param <T> Java type of parsed values: Boolean, Integer, Long, Double, String or List&lt;String&gt;
 */
public final class ConfigKey<T> {

    private final String name;
    private final ConfigType type;
    private final T defaultValue;
    private final ConfigValidator validator;
    private final String documentation;
    private final boolean readOnly;
    private final boolean sensitive;

    private ConfigKey(String name, ConfigType type, T defaultValue, ConfigValidator validator, String documentation,
                      boolean readOnly, boolean sensitive) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = defaultValue;
        this.validator = validator == null ? ConfigValidator.NONE : validator;
        this.documentation = Objects.requireNonNull(documentation, "documentation");
        this.readOnly = readOnly;
        this.sensitive = sensitive;
        if (defaultValue != null) {
            this.validator.validate(name, defaultValue);
        }
    }

    public static ConfigKey<Boolean> ofBoolean(String name, Boolean defaultValue, String doc) {
        return ofBoolean(name, defaultValue, null, doc);
    }

    public static ConfigKey<Boolean> ofBoolean(String name, Boolean defaultValue, ConfigValidator validator,
                                               String doc) {
        return new ConfigKey<>(name, ConfigType.BOOLEAN, defaultValue, validator, doc, false, false);
    }

    public static ConfigKey<Integer> ofInt(String name, Integer defaultValue, ConfigValidator validator, String doc) {
        return new ConfigKey<>(name, ConfigType.INT, defaultValue, validator, doc, false, false);
    }

    public static ConfigKey<Long> ofLong(String name, Long defaultValue, ConfigValidator validator, String doc) {
        return new ConfigKey<>(name, ConfigType.LONG, defaultValue, validator, doc, false, false);
    }

    public static ConfigKey<Double> ofDouble(String name, Double defaultValue, ConfigValidator validator, String doc) {
        return new ConfigKey<>(name, ConfigType.DOUBLE, defaultValue, validator, doc, false, false);
    }

    public static ConfigKey<String> ofString(String name, String defaultValue, ConfigValidator validator, String doc) {
        return new ConfigKey<>(name, ConfigType.STRING, defaultValue, validator, doc, false, false);
    }

    public static ConfigKey<List<String>> ofList(String name, List<String> defaultValue, ConfigValidator validator,
                                                 String doc) {
        return new ConfigKey<>(name, ConfigType.LIST, defaultValue == null ? null : List.copyOf(defaultValue),
                validator, doc, false, false);
    }

    /** A copy that cannot be changed while running (e.g. {@code node.id}). */
    public ConfigKey<T> readOnly() {
        return new ConfigKey<>(name, type, defaultValue, validator, documentation, true, sensitive);
    }

    /** A copy whose values are never shown (DescribeConfigs returns null for them). */
    public ConfigKey<T> sensitive() {
        return new ConfigKey<>(name, type, defaultValue, validator, documentation, readOnly, true);
    }

    /** The same declaration with another validator, e.g. a broker default that accepts what a topic may not. */
    public ConfigKey<T> withValidator(ConfigValidator newValidator) {
        return new ConfigKey<>(name, type, defaultValue, newValidator, documentation, readOnly, sensitive);
    }

    /** The same declaration under another name and default, e.g. a broker-level default of a topic config. */
    public ConfigKey<T> renamed(String newName, T newDefault, String doc) {
        return new ConfigKey<>(newName, type, newDefault, validator, doc, readOnly, sensitive);
    }

    /**
     * Parses and validates a string form.
     *
     * @throws InvalidConfigException naming this key and the accepted values
     */
    @SuppressWarnings("unchecked")
    public T parse(String raw) {
        if (raw == null) {
            throw new InvalidConfigException(name, "Null value not supported for configuration " + name);
        }
        Object value = type.parse(name, raw);
        validator.validate(name, value);
        return (T) value;
    }

    /** Validates a value parsed elsewhere. */
    public void validate(T value) {
        validator.validate(name, value);
    }

    /** The string form of a value of this key. */
    public String format(T value) {
        return type.format(value);
    }

    public String name() {
        return name;
    }

    public ConfigType type() {
        return type;
    }

    /** The default, or null if the key has none (it must be set, or its absence means "not set"). */
    public T defaultValue() {
        return defaultValue;
    }

    public String defaultString() {
        return type.format(defaultValue);
    }

    public ConfigValidator validator() {
        return validator;
    }

    public String documentation() {
        return documentation;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public boolean isSensitive() {
        return sensitive;
    }

    @Override
    public String toString() {
        return name;
    }
}
