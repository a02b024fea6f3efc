package io.streambus.server.config;

import io.streambus.metadata.config.ConfigKey;
import io.streambus.metadata.config.ConfigValidator;

/** Describes in words what a key accepts, for error messages and the example config. Stateless. */
public final class AcceptedValues {

    private AcceptedValues() {
    }

    public static String describe(ConfigKey<?> key) {
        ConfigValidator validator = key.validator();
        String type = switch (key.type()) {
            case BOOLEAN -> "true or false";
            case INT -> "an integer";
            case LONG -> "an integer";
            case DOUBLE -> "a number";
            case STRING -> "a string";
            case LIST -> "a list (YAML list or comma-separated)";
        };
        return switch (validator) {
            case ConfigValidator.Range(Number min, Number max) when max == null -> type + " >= " + min;
            case ConfigValidator.Range(Number min, Number max) when min == null -> type + " <= " + max;
            case ConfigValidator.Range(Number min, Number max) -> type + " in " + min + ".." + max;
            case ConfigValidator.OneOf(var allowed) -> "one of " + String.join(", ", allowed);
            case ConfigValidator.NotSupportedYet(Object accepted, String why) when accepted == null ->
                    "nothing yet (not supported yet: " + why + ")";
            case ConfigValidator.NotSupportedYet(Object accepted, String why) -> "only " + accepted
                    + " (other values are not supported yet: " + why + ")";
            case ConfigValidator.ListOf(var allowed, boolean allowEmpty) -> "a list of " + String.join(", ", allowed)
                    + (allowEmpty ? "" : " (not empty)");
            default -> type;
        };
    }
}
