package io.streambus.metadata.config;

import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.record.ConfigResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves effective config values by Kafka's precedence: topic override (dynamic), then for
 * each broker synonym in order: this broker's dynamic value, the cluster-wide dynamic default,
 * the static (file) value; then the declared default. Dynamic values come from the image.
 * Immutable and thread-safe.
 */
public final class ConfigResolver {

    private final int nodeId;
    private final Map<String, String> staticConfigs;

    /**
     * @param nodeId        this broker's id (its per-broker dynamic configs are the resource "nodeId")
     * @param staticConfigs keys set explicitly in the broker's configuration file, as strings
     */
    public ConfigResolver(int nodeId, Map<String, String> staticConfigs) {
        this.nodeId = nodeId;
        this.staticConfigs = Map.copyOf(staticConfigs);
    }

    /** Effective configs of an existing topic (its overrides read from the image). */
    public EffectiveTopicConfig resolveTopic(MetadataImage image, String topic) {
        return resolveTopic(image, image.configs().configs(ConfigResource.topic(topic)));
    }

    /** Effective configs of a topic with these overrides, e.g. one about to be created. */
    public EffectiveTopicConfig resolveTopic(MetadataImage image, Map<String, String> topicOverrides) {
        Map<String, String> perBroker = image.configs().configs(ConfigResource.broker(Integer.toString(nodeId)));
        Map<String, String> clusterDefault = image.configs().configs(ConfigResource.clusterDefaultBroker());
        Map<String, ResolvedConfig> resolved = new LinkedHashMap<>();
        for (TopicConfig config : TopicConfigs.all()) {
            resolved.put(config.name(), resolveTopicConfig(config, topicOverrides, perBroker, clusterDefault));
        }
        return new EffectiveTopicConfig(resolved);
    }

    /** The effective value of one broker config of this broker. */
    public <T> T brokerValue(MetadataImage image, ConfigKey<T> key) {
        String raw = winningRaw(key, image.configs().configs(ConfigResource.broker(Integer.toString(nodeId))),
                image.configs().configs(ConfigResource.clusterDefaultBroker()));
        return raw != null ? key.parse(raw) : key.defaultValue();
    }

    /** Effective values of every broker config of this broker, in declaration order. */
    public Map<String, ResolvedConfig> resolveBroker(MetadataImage image) {
        Map<String, String> perBroker = image.configs().configs(ConfigResource.broker(Integer.toString(nodeId)));
        Map<String, String> clusterDefault = image.configs().configs(ConfigResource.clusterDefaultBroker());
        Map<String, ResolvedConfig> resolved = new LinkedHashMap<>();
        for (ConfigKey<?> key : BrokerConfigs.definition().keys()) {
            List<ConfigSynonym> synonyms = new ArrayList<>();
            addCandidates(key, perBroker, clusterDefault, synonyms);
            if (key.defaultValue() != null) {
                synonyms.add(new ConfigSynonym(key.name(), hide(key, key.defaultString()), ConfigSource.DEFAULT_CONFIG));
            }
            String raw = winningRaw(key, perBroker, clusterDefault);
            Object parsed = raw != null ? key.parse(raw) : key.defaultValue();
            ConfigSource source = synonyms.isEmpty() ? ConfigSource.DEFAULT_CONFIG : synonyms.getFirst().source();
            resolved.put(key.name(), new ResolvedConfig(key.name(), hide(key, formatAny(key, parsed)), parsed, source,
                    key.isReadOnly(), key.isSensitive(), key.type(), key.documentation(), synonyms));
        }
        return resolved;
    }

    private ResolvedConfig resolveTopicConfig(TopicConfig config, Map<String, String> topicOverrides,
                                              Map<String, String> perBroker, Map<String, String> clusterDefault) {
        ConfigKey<?> key = config.key();
        List<ConfigSynonym> synonyms = new ArrayList<>();
        Object parsed = null;
        String override = topicOverrides.get(key.name());
        if (override != null) {
            parsed = key.parse(override);
            synonyms.add(new ConfigSynonym(key.name(), hide(key, override), ConfigSource.DYNAMIC_TOPIC_CONFIG));
        }
        for (BrokerSynonym synonym : config.brokerSynonyms()) {
            addCandidates(synonym.key(), perBroker, clusterDefault, synonyms);
            String raw = winningRaw(synonym.key(), perBroker, clusterDefault);
            if (parsed == null && raw != null) {
                parsed = convert(synonym.key().parse(raw), synonym.unitFactor());
            }
        }
        synonyms.add(new ConfigSynonym(key.name(), hide(key, key.defaultString()), ConfigSource.DEFAULT_CONFIG));
        if (parsed == null) {
            parsed = key.defaultValue();
        }
        return new ResolvedConfig(key.name(), hide(key, formatAny(key, parsed)), parsed, synonyms.getFirst().source(),
                false, key.isSensitive(), key.type(), key.documentation(), synonyms);
    }

    private void addCandidates(ConfigKey<?> key, Map<String, String> perBroker, Map<String, String> clusterDefault,
                               List<ConfigSynonym> out) {
        String name = key.name();
        if (perBroker.containsKey(name)) {
            out.add(new ConfigSynonym(name, hide(key, perBroker.get(name)), ConfigSource.DYNAMIC_BROKER_CONFIG));
        }
        if (clusterDefault.containsKey(name)) {
            out.add(new ConfigSynonym(name, hide(key, clusterDefault.get(name)),
                    ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG));
        }
        if (staticConfigs.containsKey(name)) {
            out.add(new ConfigSynonym(name, hide(key, staticConfigs.get(name)), ConfigSource.STATIC_BROKER_CONFIG));
        }
    }

    private String winningRaw(ConfigKey<?> key, Map<String, String> perBroker, Map<String, String> clusterDefault) {
        String name = key.name();
        return firstNonNull(perBroker.get(name), clusterDefault.get(name), staticConfigs.get(name));
    }

    private static String firstNonNull(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }

    /** A broker value in the topic key's unit; negative time limits mean "unlimited" (-1) in any unit. */
    private static Object convert(Object brokerValue, long unitFactor) {
        if (unitFactor == 1) {
            return brokerValue;
        }
        long value = ((Number) brokerValue).longValue();
        return value < 0 ? -1L : value * unitFactor;
    }

    @SuppressWarnings("unchecked")
    private static String formatAny(ConfigKey<?> key, Object value) {
        return ((ConfigKey<Object>) key).format(value);
    }

    private static String hide(ConfigKey<?> key, String value) {
        return key.isSensitive() ? null : value;
    }
}
