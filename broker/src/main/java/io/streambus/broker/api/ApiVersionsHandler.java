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
    /**
     * The transaction protocol version (KIP-1022 feature {@code transaction.version}) StreamBus implements:
     * 1, the classic protocol with KIP-890 part 1 server-side verification (docs/decisions/0005). Kafka 4
     * clients switch to the part-2 protocol only at 2, so they send AddPartitionsToTxn and EndTxn v4 here.
     */
    static final String TRANSACTION_VERSION = "transaction.version";
    static final short TRANSACTION_VERSION_LEVEL = 1;
    /** Level 0 (no transaction verification) is supported too: a cluster may finalize either. */
    private static final short TRANSACTION_VERSION_MIN = 0;
    /** The finalized features never change on one binary: one epoch for the life of the cluster. */
    private static final long FINALIZED_FEATURES_EPOCH = 0L;
    /** No finalized features (no transaction APIs registered): clients read -1 as "unknown epoch". */
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
        return CompletableFuture.completedFuture(response(error, context.apiVersion()));
    }

    /** The v0 body sent when a client asks for a version above {@link #maxVersion()}. */
    public ApiVersionsResponseData unsupportedVersionResponse() {
        return response(Errors.UNSUPPORTED_VERSION, (short) 0);
    }

    private ApiVersionsResponseData response(Errors error, short version) {
        // Features follow the registry too: transaction.version only where the transaction APIs are served.
        boolean transactions = registry.apiVersions().find(ApiKeys.END_TXN.id) != null;
        return new ApiVersionsResponseData()
                .setErrorCode(error.code())
                .setApiKeys(registry.apiVersions())
                .setThrottleTimeMs(0)
                .setSupportedFeatures(transactions ? supportedFeatures(version) : new SupportedFeatureKeyCollection())
                .setFinalizedFeaturesEpoch(transactions ? FINALIZED_FEATURES_EPOCH : NO_FINALIZED_FEATURES_EPOCH)
                .setFinalizedFeatures(transactions ? finalizedFeatures() : new FinalizedFeatureKeyCollection())
                .setZkMigrationReady(false);
    }

    /**
     * Below v4 a supported feature whose minimum is 0 is left out, as Kafka does (KAFKA-17011): clients before
     * 3.9 reject a range with minimum 0 while parsing the response (NodeApiVersions) and drop the connection.
     */
    private static SupportedFeatureKeyCollection supportedFeatures(short version) {
        SupportedFeatureKeyCollection features = new SupportedFeatureKeyCollection();
        ApiVersionsResponseData.SupportedFeatureKey transactionVersion = new ApiVersionsResponseData.SupportedFeatureKey()
                .setName(TRANSACTION_VERSION).setMinVersion(TRANSACTION_VERSION_MIN)
                .setMaxVersion(TRANSACTION_VERSION_LEVEL);
        if (version >= 4 || transactionVersion.minVersion() >= 1) {
            features.add(transactionVersion);
        }
        return features;
    }

    private static FinalizedFeatureKeyCollection finalizedFeatures() {
        FinalizedFeatureKeyCollection features = new FinalizedFeatureKeyCollection();
        features.add(new ApiVersionsResponseData.FinalizedFeatureKey().setName(TRANSACTION_VERSION)
                .setMinVersionLevel(TRANSACTION_VERSION_LEVEL).setMaxVersionLevel(TRANSACTION_VERSION_LEVEL));
        return features;
    }

    private static boolean validSoftware(ApiVersionsRequestData request) {
        return request.clientSoftwareName() != null && SOFTWARE_PATTERN.matcher(request.clientSoftwareName()).matches()
                && request.clientSoftwareVersion() != null
                && SOFTWARE_PATTERN.matcher(request.clientSoftwareVersion()).matches();
    }
}
