package io.streambus.it.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.AbstractResponse;

/**
 * One blocking socket that speaks Kafka's framing with kafka-clients' generated messages, for requests no
 * well-behaved client sends (corrupt batches, out-of-order sequences, unknown partitions). It asks the broker
 * for its API versions on connect, and each request uses the highest version both sides support, capped by
 * the caller (e.g. below the versions that address topics by id only).
 *
 * <p>Threads: one test thread at a time; requests are sent and answered one by one.
 */
public final class RawKafkaClient implements AutoCloseable {

    private static final String CLIENT_ID = "streambus-it-raw";

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Map<ApiKeys, ApiVersionsResponseData.ApiVersion> brokerVersions = new EnumMap<>(ApiKeys.class);
    private int nextCorrelationId;

    public RawKafkaClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        socket.setSoTimeout(15_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        ApiVersionsResponseData versions = (ApiVersionsResponseData) send(ApiKeys.API_VERSIONS, (short) 3,
                new ApiVersionsRequestData().setClientSoftwareName("streambus-it").setClientSoftwareVersion("1"));
        if (versions.errorCode() != Errors.NONE.code()) {
            throw new IOException("ApiVersions failed: " + Errors.forCode(versions.errorCode()));
        }
        for (ApiVersionsResponseData.ApiVersion version : versions.apiKeys()) {
            if (ApiKeys.hasId(version.apiKey())) {
                brokerVersions.put(ApiKeys.forId(version.apiKey()), version);
            }
        }
    }

    /** The highest version of {@code api} that the broker, kafka-clients and {@code maxVersion} allow. */
    public short version(ApiKeys api, int maxVersion) {
        ApiVersionsResponseData.ApiVersion broker = brokerVersions.get(api);
        if (broker == null) {
            throw new IllegalStateException("broker does not support " + api);
        }
        short version = (short) Math.min(Math.min(broker.maxVersion(), api.latestVersion()), maxVersion);
        if (version < broker.minVersion()) {
            throw new IllegalStateException(api + ": broker supports " + broker.minVersion() + ".."
                    + broker.maxVersion() + ", test needs <= " + maxVersion);
        }
        return version;
    }

    /** Sends {@code request} with the best version up to {@code maxVersion} and returns the response. */
    public ApiMessage sendUpTo(ApiKeys api, int maxVersion, ApiMessage request) throws IOException {
        return send(api, version(api, maxVersion), request);
    }

    /** Sends {@code request} at exactly {@code version} and returns the response. */
    public ApiMessage send(ApiKeys api, short version, ApiMessage request) throws IOException {
        ByteBufferAccessor reader = roundTrip(api, version, request);
        ApiMessage body = api.messageType.newResponse();
        body.read(reader, version);
        return body;
    }

    /**
     * Sends {@code request} at exactly {@code version} and decodes the answer the way kafka-clients does,
     * failing if the body has bytes left over: a response that only parses by luck is not well formed.
     */
    public AbstractResponse exchange(ApiKeys api, short version, ApiMessage request) throws IOException {
        ByteBufferAccessor reader = roundTrip(api, version, request);
        AbstractResponse response = AbstractResponse.parseResponse(api, reader, version);
        if (reader.remaining() != 0) {
            throw new IOException(api + " v" + version + " response has " + reader.remaining() + " bytes left over");
        }
        return response;
    }

    /**
     * Sends a frame with a v1 request header and a body given as bytes, for versions kafka-clients can no
     * longer write (Kafka 4 advertises Produce v0-v2 but serves only v3 and later), and returns the response
     * body's bytes.
     */
    public byte[] sendRaw(ApiKeys api, short version, byte[] body) throws IOException {
        byte[] clientId = CLIENT_ID.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(4 + 2 + 2 + 4 + 2 + clientId.length + body.length);
        frame.putInt(frame.capacity() - 4).putShort(api.id).putShort(version).putInt(nextCorrelationId++)
                .putShort((short) clientId.length).put(clientId).put(body);
        out.write(frame.array());
        out.flush();
        byte[] response = new byte[in.readInt()];
        in.readFully(response);
        return response;
    }

    /** The versions the broker advertised for each API it serves, from its ApiVersions answer. */
    public Map<ApiKeys, ApiVersionsResponseData.ApiVersion> advertised() {
        return Map.copyOf(brokerVersions);
    }

    /** Writes one request frame and returns a reader positioned after the response header. */
    private ByteBufferAccessor roundTrip(ApiKeys api, short version, ApiMessage request) throws IOException {
        int correlationId = nextCorrelationId++;
        short headerVersion = api.requestHeaderVersion(version);
        RequestHeaderData header = new RequestHeaderData().setRequestApiKey(api.id).setRequestApiVersion(version)
                .setCorrelationId(correlationId).setClientId(CLIENT_ID);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = header.size(cache, headerVersion) + request.size(cache, version);
        ByteBuffer frame = ByteBuffer.allocate(4 + size);
        frame.putInt(size);
        ByteBufferAccessor writer = new ByteBufferAccessor(frame);
        header.write(writer, cache, headerVersion);
        request.write(writer, cache, version);
        out.write(frame.array());
        out.flush();

        byte[] response = new byte[in.readInt()];
        in.readFully(response);
        ByteBufferAccessor reader = new ByteBufferAccessor(ByteBuffer.wrap(response));
        ResponseHeaderData responseHeader = new ResponseHeaderData(reader, api.responseHeaderVersion(version));
        if (responseHeader.correlationId() != correlationId) {
            throw new IOException("correlation id " + responseHeader.correlationId() + ", expected " + correlationId);
        }
        return reader;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
