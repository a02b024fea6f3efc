package io.streambus.metadata.config;

/** One candidate value of a config, as listed in DescribeConfigs' synonyms. Value null if sensitive. */
public record ConfigSynonym(String name, String value, ConfigSource source) {
}
