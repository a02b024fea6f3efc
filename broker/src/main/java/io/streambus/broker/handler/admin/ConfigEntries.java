package io.streambus.broker.handler.admin;

import io.streambus.metadata.config.ConfigSynonym;
import io.streambus.metadata.config.ResolvedConfig;
import java.util.List;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.requests.DescribeConfigsResponse;

/** Turns resolved config values into the config entries of DescribeConfigs and CreateTopics. Stateless. */
final class ConfigEntries {

    private ConfigEntries() {
    }

    /**
     * One DescribeConfigs entry. A sensitive value is already null in {@link ResolvedConfig}; the config type
     * is always sent (v3+), the documentation only when asked for.
     *
     * @param synonyms the synonyms to list, or null to list none
     */
    static DescribeConfigsResourceResult describe(ResolvedConfig config, String value, byte source,
                                                  List<ConfigSynonym> synonyms, boolean includeDocumentation) {
        DescribeConfigsResourceResult entry = new DescribeConfigsResourceResult()
                .setName(config.name())
                .setValue(config.sensitive() ? null : value)
                .setReadOnly(config.readOnly())
                .setConfigSource(source)
                .setIsSensitive(config.sensitive())
                .setConfigType(wireType(config).id())
                .setDocumentation(includeDocumentation ? config.documentation() : null);
        if (synonyms != null) {
            for (ConfigSynonym synonym : synonyms) {
                entry.synonyms().add(new DescribeConfigsSynonym()
                        .setName(synonym.name())
                        .setValue(config.sensitive() ? null : synonym.value())
                        .setSource(synonym.source().id()));
            }
        }
        return entry;
    }

    /** One config of a topic just created (CreateTopics v5+). */
    static CreatableTopicConfigs created(ResolvedConfig config) {
        return new CreatableTopicConfigs()
                .setName(config.name())
                .setValue(config.sensitive() ? null : config.value())
                .setReadOnly(config.readOnly())
                .setConfigSource(config.source().id())
                .setIsSensitive(config.sensitive());
    }

    private static DescribeConfigsResponse.ConfigType wireType(ResolvedConfig config) {
        return switch (config.type()) {
            case BOOLEAN -> DescribeConfigsResponse.ConfigType.BOOLEAN;
            case INT -> DescribeConfigsResponse.ConfigType.INT;
            case LONG -> DescribeConfigsResponse.ConfigType.LONG;
            case DOUBLE -> DescribeConfigsResponse.ConfigType.DOUBLE;
            case STRING -> DescribeConfigsResponse.ConfigType.STRING;
            case LIST -> DescribeConfigsResponse.ConfigType.LIST;
        };
    }
}
