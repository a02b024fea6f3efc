package io.streambus.metadata.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Value types of config keys, with Kafka's string forms (lists are comma-separated). */
public enum ConfigType {
    BOOLEAN, INT, LONG, DOUBLE, STRING, LIST;

    /** Parses a string form; throws {@link InvalidConfigException} naming {@code key} if it does not fit. */
    Object parse(String key, String raw) {
        String trimmed = raw.trim();
        try {
            return switch (this) {
                case BOOLEAN -> switch (trimmed.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw InvalidConfigException.invalidValue(key, raw, "Expected value to be either true or false");
                };
                case INT -> Integer.parseInt(trimmed);
                case LONG -> Long.parseLong(trimmed);
                case DOUBLE -> Double.parseDouble(trimmed);
                case STRING -> trimmed;
                case LIST -> trimmed.isEmpty() ? List.of()
                        : Arrays.stream(trimmed.split("\\s*,\\s*", -1)).toList();
            };
        } catch (NumberFormatException e) {
            throw InvalidConfigException.invalidValue(key, raw, "Not a number of type " + this);
        }
    }

    /** The string form of a parsed value. */
    String format(Object value) {
        if (value == null) {
            return null;
        }
        if (this == LIST) {
            return ((List<?>) value).stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }
}
