package io.streambus.broker.network;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.RequestHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.ApiVersionsHandler;
import io.streambus.broker.api.CloseConnectionException;
import io.streambus.broker.api.ErrorMapper;
import io.streambus.broker.api.RequestContext;
import io.streambus.broker.network.Connection.PauseReason;

/**
 * Decodes each {@link RequestFrame}, calls its {@link ApiHandler} on this event loop and writes the
 * responses in request order, whatever order handlers complete in (clients pipeline up to 5
 * requests). Responses ready together are flushed once. Reading pauses while the socket is not
 * writable, so a client that does not read its responses cannot grow our outbound buffers.
 *
 * <p>Owned by the connection's event loop; handler completions hop back onto it.
 */
final class RequestDispatcher extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final Connection connection;
    private final RequestDecoder decoder;
    private final ResponseWriter writer;
    private final ArrayDeque<InFlightRequest> inFlight = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean reading;
    private boolean flushPending;
    private boolean closing;
    private boolean draining;

    RequestDispatcher(Connection connection, RequestDecoder decoder) {
        this.connection = connection;
        this.decoder = decoder;
        this.writer = new ResponseWriter(connection.tls());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        RequestFrame frame = (RequestFrame) msg;
        if (closing || draining) {
            frame.release();
            return;
        }
        reading = true;
        DecodedRequest decoded;
        try {
            decoded = decoder.decode(frame.buffer().nioBuffer());
        } catch (BadRequestException e) {
            frame.release();
            close(e.getMessage());
            return;
        }
        RequestHeader header = decoded.header();
        RequestContext context = new RequestContext(connection.id(), connection.listenerName(),
                connection.remoteAddress(), header.clientId(), header.correlationId(), header.apiKey(),
                header.apiVersion(), frame.receiveTimeNs(), connection.principal(), connection.tls());
        short responseVersion = decoded.unsupportedApiVersions() ? 0 : header.apiVersion();
        InFlightRequest request = new InFlightRequest(context, decoded.request(), responseVersion, frame);
        inFlight.addLast(request);
        if (decoded.unsupportedApiVersions()) {
            // KIP-511: answer at v0 with the ranges we serve, so the client retries at one of them.
            request.complete(((ApiVersionsHandler) decoded.handler()).unsupportedVersionResponse(), null);
            writeReady();
            return;
        }
        invoke(decoded.handler(), request);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            connection.resume(PauseReason.BACKPRESSURE);
        } else {
            connection.pause(PauseReason.BACKPRESSURE);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        // Frames of requests still in a handler are released when the handler completes.
        inFlight.removeIf(request -> {
            if (request.done()) {
                request.releaseFrame();
                return true;
            }
            return false;
        });
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        close("I/O error: " + cause.getMessage());
    }

    /** Stops reading and closes the connection once every in-flight response is written. */
    void closeWhenIdle() {
        draining = true;
        connection.pause(PauseReason.SHUTDOWN);
        if (inFlight.isEmpty()) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void invoke(ApiHandler handler, InFlightRequest request) {
        CompletionStage<ApiMessage> stage;
        try {
            stage = handler.handle(request.context, request.request.data());
        } catch (Throwable t) {
            stage = CompletableFuture.failedFuture(t);
        }
        stage.whenComplete((response, failure) -> {
            if (ctx.executor().inEventLoop()) {
                onHandlerDone(request, response, failure);
            } else {
                ctx.executor().execute(() -> onHandlerDone(request, response, failure));
            }
        });
    }

    private void onHandlerDone(InFlightRequest request, ApiMessage response, Throwable failure) {
        request.complete(response, failure);
        if (closing) {
            inFlight.remove(request);
            request.releaseFrame();
            return;
        }
        writeReady();
    }

    /** Writes the responses at the head of the queue that are ready; flushes once for all of them. */
    private void writeReady() {
        boolean wrote = false;
        while (!closing && !inFlight.isEmpty() && inFlight.peekFirst().done()) {
            InFlightRequest request = inFlight.pollFirst();
            try {
                wrote |= writeResponse(request);
            } finally {
                request.releaseFrame();
            }
        }
        if (wrote) {
            if (reading) {
                flushPending = true; // channelReadComplete flushes everything this read produced
            } else {
                ctx.flush();
            }
        }
        if (draining && inFlight.isEmpty() && !closing) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private boolean writeResponse(InFlightRequest request) {
        RequestContext context = request.context;
        ApiMessage body = request.failure() == null ? request.response() : errorResponse(request);
        if (body == null) {
            return false;
        }
        try {
            writer.write(ctx, context.correlationId(), context.apiKey(), request.responseVersion, body);
            return true;
        } catch (RuntimeException e) {
            log.error("{}Cannot serialise {} v{} response (correlation id {})", connection.logPrefix(),
                    context.apiKey(), context.apiVersion(), context.correlationId(), e);
            close("unserialisable response");
            return false;
        }
    }

    /** The API's own error response for a failed handler, or null after closing for acks=0 failures. */
    private ApiMessage errorResponse(InFlightRequest request) {
        Throwable failure = ErrorMapper.unwrap(request.failure());
        RequestContext context = request.context;
        if (failure instanceof CloseConnectionException) {
            close(failure.getMessage());
            return null;
        }
        Errors error = ErrorMapper.toError(failure);
        if (!ErrorMapper.isExpected(failure)) {
            log.error("{}{} v{} handler failed (correlation id {})", connection.logPrefix(), context.apiKey(),
                    context.apiVersion(), context.correlationId(), failure);
        }
        try {
            return request.request.getErrorResponse(error.exception(failure.getMessage())).data();
        } catch (RuntimeException e) {
            log.error("{}Cannot build the {} error response for {}", connection.logPrefix(), context.apiKey(), error, e);
            close("no error response for " + context.apiKey());
            return null;
        }
    }

    private void close(String reason) {
        if (closing) {
            return;
        }
        closing = true;
        log.warn("{}Closing connection: {}", connection.logPrefix(), reason);
        ctx.close();
    }
}
