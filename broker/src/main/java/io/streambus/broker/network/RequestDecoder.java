package io.streambus.broker.network;

import java.nio.ByteBuffer;

import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.ApiHandlerRegistry;

/**
 * Turns a frame into a header and a parsed request, checking the API and version against the
 * {@link ApiHandlerRegistry} before parsing the body. Stateless; the parsed request may point into
 * the frame's buffer (e.g. Produce records), so the frame must outlive the handler's use of it.
 */
final class RequestDecoder {

    private final ApiHandlerRegistry registry;

    RequestDecoder(ApiHandlerRegistry registry) {
        this.registry = registry;
    }

    DecodedRequest decode(ByteBuffer frame) throws BadRequestException {
        if (frame.remaining() < 4) {
            throw new BadRequestException("frame of " + frame.remaining() + " bytes is too short for a request header");
        }
        short apiKeyId = frame.getShort(frame.position());
        short version = frame.getShort(frame.position() + 2);
        if (!ApiKeys.hasId(apiKeyId)) {
            throw new BadRequestException("unknown API key " + apiKeyId);
        }
        ApiKeys apiKey = ApiKeys.forId(apiKeyId);
        ApiHandler<?, ?> handler = registry.handler(apiKey);
        if (handler == null) {
            throw new BadRequestException("API " + apiKey + " is not served by this broker");
        }
        RequestHeader header = parseHeader(frame, apiKey);
        if (version < handler.minVersion() || version > handler.maxVersion()) {
            if (apiKey == ApiKeys.API_VERSIONS && version > handler.maxVersion()) {
                return new DecodedRequest(header, null, handler);
            }
            throw new BadRequestException(apiKey + " version " + version + " is not supported (supported "
                    + handler.minVersion() + ".." + handler.maxVersion() + ")");
        }
        return new DecodedRequest(header, parseBody(frame, apiKey, version), handler);
    }

    private static RequestHeader parseHeader(ByteBuffer frame, ApiKeys apiKey) throws BadRequestException {
        try {
            return RequestHeader.parse(frame);
        } catch (RuntimeException e) {
            throw new BadRequestException("malformed " + apiKey + " request header: " + e.getMessage());
        }
    }

    private static AbstractRequest parseBody(ByteBuffer frame, ApiKeys apiKey, short version) throws BadRequestException {
        try {
            return AbstractRequest.parseRequest(apiKey, version, new ByteBufferAccessor(frame)).request;
        } catch (RuntimeException e) {
            throw new BadRequestException("malformed " + apiKey + " v" + version + " request body: " + e.getMessage());
        }
    }
}
