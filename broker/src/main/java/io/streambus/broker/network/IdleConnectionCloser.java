package io.streambus.broker.network;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code connections.max.idle.ms}: closes a connection that has neither read nor written for that long, as
 * Kafka's selector does. A request being answered keeps a connection busy only once its response is written,
 * so a fetch long-poll (bounded by {@code fetch.max.wait.ms}) never trips it.
 *
 * <p>Threading: one per connection, on its event loop.
 */
final class IdleConnectionCloser extends IdleStateHandler {

    private static final Logger log = LoggerFactory.getLogger(IdleConnectionCloser.class);

    private final long idleMs;

    IdleConnectionCloser(long idleMs) {
        super(0, 0, idleMs, TimeUnit.MILLISECONDS);
        this.idleMs = idleMs;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (event.state() == IdleState.ALL_IDLE) {
            log.debug("[KafkaServer] closing connection from {}: idle for connections.max.idle.ms={}",
                    ctx.channel().remoteAddress(), idleMs);
            ctx.close();
        }
    }
}
