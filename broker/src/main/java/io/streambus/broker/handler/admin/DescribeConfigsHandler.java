package io.streambus.broker.handler.admin;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.RequestContext;
import io.streambus.metadata.config.ConfigResolver;
import io.streambus.metadata.config.ConfigSource;
import io.streambus.metadata.config.ConfigSynonym;
import io.streambus.metadata.config.ResolvedConfig;
import io.streambus.metadata.controller.ApiError;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.loader.MetadataLoader;
import io.streambus.metadata.record.ConfigResource;
import io.streambus.metadata.record.ConfigResourceType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * DescribeConfigs v1..4 for topics and brokers, from one metadata image. A topic lists every topic config
 * with its effective value and source; this broker's id lists every broker config; the empty broker name
 * lists only the cluster-wide dynamic defaults, as Kafka does. Synonyms are listed when asked for, the
 * config type always (v3+), the documentation when asked for. Another broker's id is INVALID_REQUEST: its
 * static configs are known only to it. Stateless; runs on the event loop.
 */
public final class DescribeConfigsHandler
        implements ApiHandler<DescribeConfigsRequestData, DescribeConfigsResponseData> {

    private final int nodeId;
    private final MetadataLoader metadata;
    private final ConfigResolver resolver;

    public DescribeConfigsHandler(int nodeId, MetadataLoader metadata, ConfigResolver resolver) {
        this.nodeId = nodeId;
        this.metadata = metadata;
        this.resolver = resolver;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_CONFIGS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 4;
    }

    @Override
    public CompletionStage<DescribeConfigsResponseData> handle(RequestContext context,
                                                               DescribeConfigsRequestData request) {
        MetadataImage image = metadata.current();
        DescribeConfigsResponseData response = new DescribeConfigsResponseData();
        boolean includeDocumentation = context.apiVersion() >= 3 && request.includeDocumentation();
        for (DescribeConfigsResource wanted : request.resources()) {
            DescribeConfigsResult result = new DescribeConfigsResult()
                    .setResourceType(wanted.resourceType())
                    .setResourceName(wanted.resourceName());
            ApiError error = describe(image, wanted, request.includeSynonyms(), includeDocumentation, result);
            result.setErrorCode(error.error().code()).setErrorMessage(error.isSuccess() ? null
                    : error.messageOrDefault());
            if (error.isFailure()) {
                result.configs().clear();
            }
            response.results().add(result);
        }
        return CompletableFuture.completedFuture(response);
    }

    private ApiError describe(MetadataImage image, DescribeConfigsResource wanted, boolean includeSynonyms,
                              boolean includeDocumentation, DescribeConfigsResult out) {
        Optional<ConfigResource> resource = ConfigResources.resource(wanted.resourceType(), wanted.resourceName());
        if (resource.isEmpty()) {
            return ConfigResources.unsupportedType(wanted.resourceType());
        }
        Set<String> keys = wanted.configurationKeys() == null ? null : new HashSet<>(wanted.configurationKeys());
        String name = wanted.resourceName();
        if (resource.get().type() == ConfigResourceType.TOPIC) {
            ApiError invalid = ConfigResources.checkTopicName(name);
            if (invalid != null) {
                return invalid;
            }
            if (image.topics().topic(name) == null) {
                return ApiError.of(Errors.UNKNOWN_TOPIC_OR_PARTITION, "Topic '" + name + "' does not exist.");
            }
            addAll(resolver.resolveTopic(image, name).configs(), keys, includeSynonyms, includeDocumentation, out);
            return ApiError.NONE;
        }
        Optional<Integer> brokerId = ConfigResources.brokerId(name);
        if (brokerId.isEmpty()) {
            return ConfigResources.invalidBrokerName(name);
        }
        if (brokerId.get() == -1) {
            addClusterDefaults(image, keys, includeSynonyms, includeDocumentation, out);
            return ApiError.NONE;
        }
        if (brokerId.get() != nodeId) {
            return ApiError.of(Errors.INVALID_REQUEST, "Unexpected broker id, expected " + nodeId + " but received "
                    + brokerId.get());
        }
        addAll(resolver.resolveBroker(image), keys, includeSynonyms, includeDocumentation, out);
        return ApiError.NONE;
    }

    private static void addAll(Map<String, ResolvedConfig> configs, Set<String> keys, boolean includeSynonyms,
                               boolean includeDocumentation, DescribeConfigsResult out) {
        for (ResolvedConfig config : configs.values()) {
            if (keys == null || keys.contains(config.name())) {
                out.configs().add(ConfigEntries.describe(config, config.value(), config.source().id(),
                        includeSynonyms ? config.synonyms() : null, includeDocumentation));
            }
        }
    }

    /** The dynamic cluster defaults only, with the synonyms that apply to the cluster (no per-broker values). */
    private void addClusterDefaults(MetadataImage image, Set<String> keys, boolean includeSynonyms,
                                    boolean includeDocumentation, DescribeConfigsResult out) {
        Map<String, String> defaults = image.configs().configs(ConfigResource.clusterDefaultBroker());
        if (defaults.isEmpty()) {
            return;
        }
        Map<String, ResolvedConfig> resolved = resolver.resolveBroker(image);
        defaults.forEach((key, value) -> {
            ResolvedConfig config = resolved.get(key);
            if (config == null || (keys != null && !keys.contains(key))) {
                return;
            }
            List<ConfigSynonym> synonyms = includeSynonyms ? config.synonyms().stream()
                    .filter(s -> s.source() != ConfigSource.DYNAMIC_BROKER_CONFIG).toList() : null;
            out.configs().add(ConfigEntries.describe(config, value,
                    ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG.id(), synonyms, includeDocumentation));
        });
    }
}
