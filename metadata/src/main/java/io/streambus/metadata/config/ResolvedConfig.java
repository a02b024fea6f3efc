package io.streambus.metadata.config;

import java.util.List;

/**
 * The effective value of one config and where it came from.
 *
 * @param value     the string form, null if sensitive or unset without default
 * @param parsed    the typed value (never hidden; do not put it on the wire if sensitive)
 * @param synonyms  every candidate in precedence order, the winning one first
 */
public record ResolvedConfig(String name, String value, Object parsed, ConfigSource source, boolean readOnly,
                             boolean sensitive, ConfigType type, String documentation, List<ConfigSynonym> synonyms) {

    public ResolvedConfig {
        synonyms = List.copyOf(synonyms);
    }

    public boolean isDefault() {
        return source == ConfigSource.DEFAULT_CONFIG;
    }
}
