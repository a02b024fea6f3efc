package io.streambus.broker.network;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.MessageSizeAccumulator;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

import io.netty.channel.ChannelHandlerContext;

/**
 * Serialises a response (size, header, body) into pooled buffers and file regions and writes them,
 * without flushing: the caller flushes once per batch of ready responses. One per connection, used
 * only on its event loop.
 */
final class ResponseWriter {

    private static final int SIZE_BYTES = 4;

    private final boolean tls;
    private final List<Object> pieces = new ArrayList<>(4);

    ResponseWriter(boolean tls) {
        this.tls = tls;
    }

    void write(ChannelHandlerContext ctx, int correlationId, ApiKeys apiKey, short apiVersion, ApiMessage body) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        short headerVersion = apiKey.responseHeaderVersion(apiVersion);
        ResponseHeaderData header = new ResponseHeaderData().setCorrelationId(correlationId);
        int headerBytes = header.size(cache, headerVersion);
        MessageSizeAccumulator bodySize = new MessageSizeAccumulator();
        body.addSize(bodySize, cache, apiVersion);
        // Records sent with sendfile are not in a buffer; copied ones (TLS, MemoryRecords) make it grow.
        int bufferBytes = SIZE_BYTES + headerBytes + (tls ? bodySize.totalSize() : bodySize.sizeExcludingZeroCopy());

        ByteBufWritable writable = new ByteBufWritable(ctx.alloc(), bufferBytes, tls, pieces);
        try {
            writable.writeInt(headerBytes + bodySize.totalSize());
            header.write(writable, cache, headerVersion);
            body.write(writable, cache, apiVersion);
            writable.finish();
        } catch (RuntimeException e) {
            writable.abandon();
            throw e;
        }
        for (Object piece : pieces) {
            ctx.write(piece, ctx.voidPromise());
        }
        pieces.clear();
    }
}
