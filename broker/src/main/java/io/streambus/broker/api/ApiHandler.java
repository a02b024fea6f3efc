package io.streambus.broker.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * Serves one Kafka API. One class per API; register it in the {@link ApiHandlerRegistry}, which also
 * advertises its version range in ApiVersions.
 *
 * <p><b>Threading.</b> {@link #handle} is called on the connection's Netty event loop, so it must not
 * block: validate, hand the work to the component that owns the state (a partition, a coordinator,
 * a purgatory) and return. The returned stage may complete on any thread; the network layer moves the
 * response back to the event loop and writes responses in request order.
 *
 * <p><b>Results.</b>
 * <ul>
 *   <li>Complete with the response {@code *Data} for {@link RequestContext#apiVersion()}.</li>
 *   <li>Complete with {@code null} ({@link #noResponse()}) to send nothing (Produce with acks=0).</li>
 *   <li>Complete exceptionally (or throw) to send the API's own error response, built by
 *       {@code AbstractRequest.getErrorResponse} with the error from {@link ErrorMapper}. Throw
 *       {@link CloseConnectionException} to close the connection instead (acks=0 failures).</li>
 *   <li>A records field may hold a {@link LogSliceRecords}: it is sent with sendfile on plaintext
 *       connections and copied on TLS ones; {@code MemoryRecords} are copied.</li>
 * </ul>
 *
 * @param <Q> the generated request data, e.g. {@code FetchRequestData}
 * @param <R> the generated response data, e.g. {@code FetchResponseData}
 */
public interface ApiHandler<Q extends ApiMessage, R extends ApiMessage> {

    ApiKeys apiKey();

    /** Lowest request version served; requests below it close the connection. */
    short minVersion();

    /**
     * The minimum advertised in ApiVersions; normally {@link #minVersion()}. Produce advertises 0 as Kafka 4
     * does (KAFKA-18659): librdkafka's compressed produce fails unless the advertised Produce range starts
     * at 0, though it sends v3 and later. Requests below {@link #minVersion()} are still refused.
     */
    default short advertisedMinVersion() {
        return minVersion();
    }

    /**
     * Whether ApiVersions lists this API. The APIs brokers send each other (BrokerRegistration, BrokerHeartbeat,
     * AllocateProducerIds) are served but not advertised, as Kafka's brokers do not advertise them to clients.
     */
    default boolean advertised() {
        return true;
    }

    /** Highest request version served; requests above it close the connection (ApiVersions excepted). */
    short maxVersion();

    CompletionStage<R> handle(RequestContext context, Q request);

    /** The result of a request that gets no response (Produce with acks=0). */
    static <R extends ApiMessage> CompletionStage<R> noResponse() {
        return CompletableFuture.completedFuture(null);
    }
}
