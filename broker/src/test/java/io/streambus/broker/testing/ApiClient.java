package io.streambus.broker.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * A blocking Kafka-protocol client over one socket that speaks in kafka-clients' generated {@code *Data}
 * messages at an exact version: for tests that must reach cases real clients cannot (corrupt batches,
 * acks=2, old versions) or that run before the Metadata API exists.
 */
public final class ApiClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private int nextCorrelationId;

    public ApiClient(String bootstrap) throws IOException {
        String[] hostPort = bootstrap.split(":");
        socket = new Socket();
        socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 5_000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** Sends {@code body} at {@code version} and returns the response body, parsed at the same version. */
    @SuppressWarnings("unchecked")
    public <R extends ApiMessage> R request(ApiKeys apiKey, int version, ApiMessage body) throws IOException {
        send(apiKey, version, body);
        return (R) receive(apiKey, (short) version);
    }

    /** Sends without waiting for a response (Produce with acks=0, or pipelining). Returns the correlation id. */
    public int send(ApiKeys apiKey, int version, ApiMessage body) throws IOException {
        int correlationId = nextCorrelationId++;
        RequestHeader header = new RequestHeader(apiKey, (short) version, "api-client", correlationId);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int headerSize = header.data().size(cache, header.headerVersion());
        int bodySize = body.size(cache, (short) version);
        ByteBuffer buffer = ByteBuffer.allocate(4 + headerSize + bodySize);
        buffer.putInt(headerSize + bodySize);
        ByteBufferAccessor accessor = new ByteBufferAccessor(buffer);
        header.data().write(accessor, cache, header.headerVersion());
        body.write(accessor, cache, (short) version);
        out.write(buffer.array());
        out.flush();
        return correlationId;
    }

    /** Reads the next response, which must be for {@code apiKey} at {@code version}. */
    public ApiMessage receive(ApiKeys apiKey, short version) throws IOException {
        int size = in.readInt();
        byte[] bytes = new byte[size];
        in.readFully(bytes);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        ResponseHeader.parse(buffer, apiKey.responseHeaderVersion(version));
        return AbstractResponse.parseResponse(apiKey, new ByteBufferAccessor(buffer), version).data();
    }

    public void readTimeoutMs(int timeoutMs) throws SocketException {
        socket.setSoTimeout(timeoutMs);
    }

    /** True once the broker has closed the connection, waiting up to the read timeout. */
    public boolean closedByBroker() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (EOFException | SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
