package io.streambus.cli.output;

/** How operator commands print results: {@code --format table|json|yaml}. */
public enum Format {
    /** Aligned columns that fit the terminal, for people. */
    TABLE,
    /** One JSON document (JSON lines for record streams), for scripts. */
    JSON,
    /** One YAML document, for people who want structure. */
    YAML
}
