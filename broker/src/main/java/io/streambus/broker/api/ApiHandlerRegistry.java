package io.streambus.broker.api;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * The one map from API key to handler. ApiVersions is answered from this same map, so a broker
 * advertises exactly the APIs (and versions) it serves. Built once before the server starts, then
 * read-only: safe to share between event loops.
 */
public final class ApiHandlerRegistry {

    private final Map<ApiKeys, ApiHandler<?, ?>> handlers;
    private final ApiVersionCollection advertised;

    private ApiHandlerRegistry(Map<ApiKeys, ApiHandler<?, ?>> registered) {
        Map<ApiKeys, ApiHandler<?, ?>> all = new EnumMap<>(registered);
        // ApiVersions answers from this registry, so every broker serves it the same way.
        all.putIfAbsent(ApiKeys.API_VERSIONS, new ApiVersionsHandler(this));
        this.handlers = Collections.unmodifiableMap(all);
        this.advertised = buildAdvertised(all.values());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The handler for {@code apiKey}, or null when the broker does not serve that API. */
    public ApiHandler<?, ?> handler(ApiKeys apiKey) {
        return handlers.get(apiKey);
    }

    /** The version ranges to advertise in ApiVersions: a fresh copy, since responses own their collections. */
    public ApiVersionCollection apiVersions() {
        return advertised.duplicate();
    }

    private static ApiVersionCollection buildAdvertised(Collection<ApiHandler<?, ?>> handlers) {
        ApiVersionCollection versions = new ApiVersionCollection(handlers.size());
        for (ApiHandler<?, ?> handler : handlers) {
            if (!handler.advertised()) {
                continue;
            }
            versions.add(new ApiVersion()
                    .setApiKey(handler.apiKey().id)
                    .setMinVersion(handler.advertisedMinVersion())
                    .setMaxVersion(handler.maxVersion()));
        }
        return versions;
    }

    /** Collects handlers; rejects duplicates and version ranges kafka-clients cannot parse. */
    public static final class Builder {

        private final Map<ApiKeys, ApiHandler<?, ?>> handlers = new EnumMap<>(ApiKeys.class);

        private Builder() {
        }

        public Builder register(ApiHandler<?, ?> handler) {
            ApiKeys key = handler.apiKey();
            if (handlers.containsKey(key)) {
                throw new IllegalArgumentException("two handlers for " + key);
            }
            if (handler.minVersion() < key.oldestVersion() || handler.maxVersion() > key.latestVersion(true)
                    || handler.minVersion() > handler.maxVersion()) {
                throw new IllegalArgumentException("handler for " + key + " declares versions "
                        + handler.minVersion() + ".." + handler.maxVersion() + " outside "
                        + key.oldestVersion() + ".." + key.latestVersion(true));
            }
            handlers.put(key, handler);
            return this;
        }

        /** Registers an {@link ApiVersionsHandler} answering from this registry unless one was given. */
        public ApiHandlerRegistry build() {
            return new ApiHandlerRegistry(handlers);
        }
    }
}
