package io.streambus.broker.network;

import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.AbstractRequest;

import io.streambus.broker.api.RequestContext;

/**
 * A request between decoding and its response: its place in the connection's response order, the
 * frame it was parsed from (released once the response is written) and, once the handler finishes,
 * the outcome. Owned by the connection's event loop.
 */
final class InFlightRequest {

    final RequestContext context;
    /** Null for the KIP-511 ApiVersions fallback, which has no parsed body. */
    final AbstractRequest request;
    /** The request's version, except for the ApiVersions fallback, answered at v0. */
    final short responseVersion;
    private final RequestFrame frame;
    private boolean done;
    private ApiMessage response;
    private Throwable failure;

    InFlightRequest(RequestContext context, AbstractRequest request, short responseVersion, RequestFrame frame) {
        this.context = context;
        this.request = request;
        this.responseVersion = responseVersion;
        this.frame = frame;
    }

    void complete(ApiMessage result, Throwable error) {
        this.done = true;
        this.response = result;
        this.failure = error;
    }

    boolean done() {
        return done;
    }

    /** The handler's response; null when it sends none (acks=0) or failed. */
    ApiMessage response() {
        return response;
    }

    Throwable failure() {
        return failure;
    }

    void releaseFrame() {
        frame.release();
    }
}
