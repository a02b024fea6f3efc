package io.streambus.broker.handler.admin;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * Sends one request at an exact version over a plain socket and parses the response with kafka-clients'
 * codecs: for the cases the Admin client cannot express (old versions, topic ids in Metadata, the legacy
 * AlterConfigs API that Admin 4.x no longer has).
 */
final class RawRequests implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private int correlationId;

    RawRequests(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    @SuppressWarnings("unchecked")
    <R extends ApiMessage> R send(ApiKeys apiKey, int version, ApiMessage body) throws IOException {
        RequestHeader header = new RequestHeader(apiKey, (short) version, "raw-admin", ++correlationId);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int headerSize = header.data().size(cache, header.headerVersion());
        int bodySize = body.size(cache, header.apiVersion());
        ByteBuffer buffer = ByteBuffer.allocate(4 + headerSize + bodySize);
        buffer.putInt(headerSize + bodySize);
        ByteBufferAccessor accessor = new ByteBufferAccessor(buffer);
        header.data().write(accessor, cache, header.headerVersion());
        body.write(accessor, cache, header.apiVersion());
        out.write(buffer.array());
        out.flush();

        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        ByteBuffer response = ByteBuffer.wrap(bytes);
        ResponseHeader responseHeader = ResponseHeader.parse(response, apiKey.responseHeaderVersion((short) version));
        if (responseHeader.correlationId() != correlationId) {
            throw new IOException("correlation id " + responseHeader.correlationId() + ", expected " + correlationId);
        }
        return (R) AbstractResponse.parseResponse(apiKey, new ByteBufferAccessor(response), (short) version).data();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
