package io.streambus.metadata.config;

import java.util.List;
import java.util.Set;

/** Checks a parsed config value; {@link #describe()} is the accepted range, for docs and error messages. */
public interface ConfigValidator {

    ConfigValidator NONE = new ConfigValidator() {
        @Override
        public void validate(String key, Object value) {
        }

        @Override
        public String describe() {
            return "";
        }
    };

    /** @throws InvalidConfigException naming the key and the accepted values */
    void validate(String key, Object value);

    String describe();

    /** Numbers at least {@code min}. */
    static ConfigValidator atLeast(Number min) {
        return new Range(min, null);
    }

    /** Numbers in [{@code min}, {@code max}]. */
    static ConfigValidator between(Number min, Number max) {
        return new Range(min, max);
    }

    /** A string equal to one of {@code allowed}. */
    static ConfigValidator oneOf(String... allowed) {
        return new OneOf(List.of(allowed));
    }

    /** A list whose items are each one of {@code allowed}, without duplicates; empty only if allowed. */
    static ConfigValidator listOf(boolean allowEmpty, String... allowed) {
        return new ListOf(List.of(allowed), allowEmpty);
    }

    /**
     * A key StreamBus declares (so a Kafka user's setting is recognised) but whose other values it cannot honour
     * yet: only {@code accepted} passes; anything else is refused with a message saying so and why, never
     * silently ignored.
     */
    static ConfigValidator notSupportedYet(Object accepted, String why) {
        return new NotSupportedYet(accepted, why);
    }

    /** A key StreamBus declares so that setting it is refused with {@code why}, not reported as unknown. */
    static ConfigValidator notSupportedYet(String why) {
        return new NotSupportedYet(null, why);
    }

    record NotSupportedYet(Object accepted, String why) implements ConfigValidator {
        @Override
        public void validate(String key, Object value) {
            if (value != null && !value.equals(accepted)) {
                throw InvalidConfigException.invalidValue(key, value, accepted == null ? "not supported yet: " + why
                        : "not supported yet, only " + accepted + " is accepted: " + why);
            }
        }

        @Override
        public String describe() {
            return accepted == null ? "(not supported yet)" : "[" + accepted + "] (other values not supported yet)";
        }
    }

    /** Range check on numbers; {@code max} null for unbounded. */
    record Range(Number min, Number max) implements ConfigValidator {
        @Override
        public void validate(String key, Object value) {
            if (value == null) {
                return;
            }
            double n = ((Number) value).doubleValue();
            if (min != null && n < min.doubleValue()) {
                throw InvalidConfigException.invalidValue(key, value, "Value must be at least " + min);
            }
            if (max != null && n > max.doubleValue()) {
                throw InvalidConfigException.invalidValue(key, value, "Value must be no more than " + max);
            }
        }

        @Override
        public String describe() {
            return "[" + (min == null ? "..." : min) + ",...," + (max == null ? "" : max) + "]";
        }
    }

    record OneOf(List<String> allowed) implements ConfigValidator {
        @Override
        public void validate(String key, Object value) {
            if (value != null && !allowed.contains((String) value)) {
                throw InvalidConfigException.invalidValue(key, value, "String must be one of: " + String.join(", ", allowed));
            }
        }

        @Override
        public String describe() {
            return "[" + String.join(", ", allowed) + "]";
        }
    }

    record ListOf(List<String> allowed, boolean allowEmpty) implements ConfigValidator {
        @Override
        public void validate(String key, Object value) {
            if (value == null) {
                return;
            }
            List<?> items = (List<?>) value;
            if (items.isEmpty() && !allowEmpty) {
                throw InvalidConfigException.invalidValue(key, "", "Empty list is not allowed; accepted values: "
                        + String.join(", ", allowed));
            }
            if (Set.copyOf(items).size() != items.size()) {
                throw InvalidConfigException.invalidValue(key, String.join(",", items.stream().map(String::valueOf)
                        .toList()), "Values must not repeat");
            }
            for (Object item : items) {
                if (!allowed.contains(String.valueOf(item))) {
                    throw InvalidConfigException.invalidValue(key, item, "Each value must be one of: "
                            + String.join(", ", allowed));
                }
            }
        }

        @Override
        public String describe() {
            return "[" + String.join(", ", allowed) + "]";
        }
    }
}
