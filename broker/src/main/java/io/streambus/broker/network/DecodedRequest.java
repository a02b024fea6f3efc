package io.streambus.broker.network;

import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;

import io.streambus.broker.api.ApiHandler;

/**
 * A parsed request. {@code request} is null for an ApiVersions request above the supported versions,
 * whose body is not parsed: it gets the KIP-511 fallback response instead.
 */
record DecodedRequest(RequestHeader header, AbstractRequest request, ApiHandler<?, ?> handler) {

    boolean unsupportedApiVersions() {
        return request == null;
    }
}
