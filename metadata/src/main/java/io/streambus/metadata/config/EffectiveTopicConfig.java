package io.streambus.metadata.config;

import io.streambus.storage.LogConfig;
import java.util.Collections;
import java.util.Map;

/** Every topic config of one topic resolved to its effective value and source, in declaration order. Immutable. */
public final class EffectiveTopicConfig {

    private final Map<String, ResolvedConfig> configs;

    EffectiveTopicConfig(Map<String, ResolvedConfig> configs) {
        this.configs = Collections.unmodifiableMap(configs);
    }

    /** All configs by name, in declaration order. */
    public Map<String, ResolvedConfig> configs() {
        return configs;
    }

    public ResolvedConfig resolved(String name) {
        ResolvedConfig config = configs.get(name);
        if (config == null) {
            throw new IllegalArgumentException("unknown topic config " + name);
        }
        return config;
    }

    @SuppressWarnings("unchecked")
    public <T> T value(ConfigKey<T> key) {
        return (T) resolved(key.name()).parsed();
    }

    public LogConfig toLogConfig() {
        return TopicConfigs.toLogConfig(this);
    }
}
