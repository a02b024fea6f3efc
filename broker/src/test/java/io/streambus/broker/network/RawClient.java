package io.streambus.broker.network;

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
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;

/** A blocking Kafka-protocol client over a plain socket, for sending exactly the bytes a test wants. */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    RawClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** Header and body serialised at the header's version, with the 4-byte size in front. */
    static byte[] frame(RequestHeader header, ApiMessage body) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int headerSize = header.data().size(cache, header.headerVersion());
        int bodySize = body.size(cache, header.apiVersion());
        ByteBuffer buffer = ByteBuffer.allocate(4 + headerSize + bodySize);
        buffer.putInt(headerSize + bodySize);
        ByteBufferAccessor accessor = new ByteBufferAccessor(buffer);
        header.data().write(accessor, cache, header.headerVersion());
        body.write(accessor, cache, header.apiVersion());
        return buffer.array();
    }

    static RequestHeader header(ApiKeys apiKey, int version, int correlationId) {
        return new RequestHeader(apiKey, (short) version, "raw-client", correlationId);
    }

    void send(RequestHeader header, ApiMessage body) throws IOException {
        sendRaw(frame(header, body));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one response frame; the returned buffer is positioned after the response header. */
    Response receive(ApiKeys apiKey, short apiVersion) throws IOException {
        int size = in.readInt();
        byte[] bytes = new byte[size];
        in.readFully(bytes);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        ResponseHeader header = ResponseHeader.parse(buffer, apiKey.responseHeaderVersion(apiVersion));
        return new Response(header.correlationId(), buffer);
    }

    /** True once the broker has closed the connection (end of stream or reset), waiting up to the read timeout. */
    boolean closedByBroker() throws IOException {
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

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Response(int correlationId, ByteBuffer body) {
        ByteBufferAccessor readable() {
            return new ByteBufferAccessor(body);
        }
    }
}
