package io.streambus.broker.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.FinalizedFeatureKeyCollection;
import org.apache.kafka.common.message.ApiVersionsResponseData.SupportedFeatureKeyCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * ApiVersions v0..4, answered from the {@link ApiHandlerRegistry}. A request at a version above 4 never
 * reaches this class: the network layer answers it with a v0 UNSUPPORTED_VERSION response listing
 * {@link #unsupportedVersionResponse the same ranges} (KIP-511), so the client can retry at a version
 * we serve. Stateless; runs on the event loop.
 */
public final class ApiVersionsHandler implements ApiHandler<ApiVersionsRequestData, ApiVersionsResponseData> {

    /** Kafka's rule for client software name and version (KIP-511): letters, digits, '-' and '.'. */
    private static final Pattern SOFTWARE_PATTERN = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?");
    /** No finalized features yet: clients read -1 as "unknown epoch". */
    private static final long NO_FINALIZED_FEATURES_EPOCH = -1L;

    private final ApiHandlerRegistry registry;

    ApiVersionsHandler(ApiHandlerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.API_VERSIONS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 4;
    }

    @Override
    public CompletionStage<ApiVersionsResponseData> handle(RequestContext context, ApiVersionsRequestData request) {
        Errors error = context.apiVersion() >= 3 && !validSoftware(request) ? Errors.INVALID_REQUEST : Errors.NONE;
        return CompletableFuture.completedFuture(response(error));
    }

    /** The v0 body sent when a client asks for a version above {@link #maxVersion()}. */
    public ApiVersionsResponseData unsupportedVersionResponse() {
        return response(Errors.UNSUPPORTED_VERSION);
    }

    private ApiVersionsResponseData response(Errors error) {
        return new ApiVersionsResponseData()
                .setErrorCode(error.code())
                .setApiKeys(registry.apiVersions())
                .setThrottleTimeMs(0)
                .setSupportedFeatures(new SupportedFeatureKeyCollection())
                .setFinalizedFeaturesEpoch(NO_FINALIZED_FEATURES_EPOCH)
                .setFinalizedFeatures(new FinalizedFeatureKeyCollection())
                .setZkMigrationReady(false);
    }

    private static boolean validSoftware(ApiVersionsRequestData request) {
        return request.clientSoftwareName() != null && SOFTWARE_PATTERN.matcher(request.clientSoftwareName()).matches()
                && request.clientSoftwareVersion() != null
                && SOFTWARE_PATTERN.matcher(request.clientSoftwareVersion()).matches();
    }
}
