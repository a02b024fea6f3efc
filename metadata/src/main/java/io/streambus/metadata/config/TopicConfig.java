package io.streambus.metadata.config;

import java.util.List;

/**
 * A topic-level config and the broker keys that give its default, in precedence order
 * (e.g. {@code log.retention.ms}, then {@code log.retention.minutes}, then {@code log.retention.hours}).
 */
public record TopicConfig(ConfigKey<?> key, List<BrokerSynonym> brokerSynonyms) {

    public TopicConfig {
        brokerSynonyms = List.copyOf(brokerSynonyms);
    }

    public String name() {
        return key.name();
    }
}
