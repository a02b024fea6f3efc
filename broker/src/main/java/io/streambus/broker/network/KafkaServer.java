package io.streambus.broker.network;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.streambus.broker.api.ApiHandlerRegistry;
import io.streambus.storage.Time;

/**
 * The broker's Kafka-protocol server: binds every listener and serves requests with the handlers of an
 * {@link ApiHandlerRegistry}. One acceptor thread; {@link NetworkConfig#ioThreads()} event loops do
 * all connection I/O, framing, decoding and (unless they hand off) the handlers.
 *
 * <p>Per connection the pipeline is {@link FrameDecoder} then {@link RequestDispatcher}. Memory for
 * requests is bounded across all connections by one {@link MemoryBudget}.
 *
 * <p>Thread-safe: {@link #start()} and {@link #close()} from any thread (not an event loop).
 */
public final class KafkaServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaServer.class);
    /** Receive buffers grow to at most this; it bounds what a paused connection can hold over budget. */
    private static final int MAX_READ_BYTES = 64 * 1024;
    private static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final NetworkConfig config;
    private final ApiHandlerRegistry registry;
    private final Time time;
    private final Transport transport = Transport.best();
    private final MemoryBudget budget;
    private final ConnectionGate gate;
    private final AtomicLong nextConnectionId = new AtomicLong();
    private final ChannelGroup connections = new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE);
    private final Map<String, Channel> listenerChannels = new LinkedHashMap<>();
    private EventLoopGroup acceptorGroup;
    private EventLoopGroup ioGroup;

    public KafkaServer(NetworkConfig config, ApiHandlerRegistry registry, Time time) {
        this.config = config;
        this.registry = registry;
        this.time = time;
        this.budget = new MemoryBudget(config.queuedMaxRequestBytes());
        this.gate = new ConnectionGate(config.connectionLimits().maxConnections());
    }

    /** Binds every listener; on failure unbinds what was bound and throws. */
    public synchronized void start() {
        if (acceptorGroup != null) {
            throw new IllegalStateException("already started");
        }
        if (config.requestMaxBytes() > budget.partialLimitBytes()) {
            log.warn("[KafkaServer] socket.request.max.bytes={} exceeds what queued.max.request.bytes={} lets one frame "
                    + "hold ({} bytes); larger frames will time out", config.requestMaxBytes(),
                    config.queuedMaxRequestBytes(), budget.partialLimitBytes());
        }
        acceptorGroup = transport.newGroup(1, "streambus-acceptor");
        ioGroup = transport.newGroup(config.ioThreads(), "streambus-network");
        RequestDecoder decoder = new RequestDecoder(registry);
        try {
            for (ListenerConfig listener : config.listeners()) {
                ChannelFuture bound = new ServerBootstrap()
                        .group(acceptorGroup, ioGroup)
                        .channel(transport.serverChannelClass())
                        .option(ChannelOption.SO_BACKLOG, 1024)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childOption(ChannelOption.SO_KEEPALIVE, true)
                        .childOption(ChannelOption.RECVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 2048, MAX_READ_BYTES))
                        .childHandler(initializer(listener, decoder))
                        .bind(listener.host(), listener.port())
                        .syncUninterruptibly();
                listenerChannels.put(listener.name(), bound.channel());
                gate.addListener(bound.channel());
                log.info("[KafkaServer] Listener {} bound to {} ({})", listener.name(), bound.channel().localAddress(), transport);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The port a listener is bound to (useful with port 0). */
    public synchronized int boundPort(String listenerName) {
        Channel channel = listenerChannels.get(listenerName);
        if (channel == null) {
            throw new IllegalArgumentException("no bound listener named " + listenerName);
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Bytes charged to the request memory budget now. */
    public long bytesInUse() {
        return budget.bytesInUse();
    }

    /** Connections not reading because the request memory budget is exhausted. */
    public int connectionsPaused() {
        return budget.connectionsPaused();
    }

    public int connectionCount() {
        return connections.size();
    }

    public MemoryBudget memoryBudget() {
        return budget;
    }

    /** Graceful shutdown with the default timeout: see {@link #shutdown(Duration)}. */
    @Override
    public void close() {
        shutdown(DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /**
     * Stops accepting, stops reading, lets every connection finish writing the responses of the
     * requests it already has, then closes. Connections still busy after {@code timeout} are closed.
     */
    public synchronized void shutdown(Duration timeout) {
        if (acceptorGroup == null) {
            return;
        }
        for (Channel listener : listenerChannels.values()) {
            listener.close().syncUninterruptibly();
        }
        listenerChannels.clear();
        for (Channel connection : connections) {
            connection.eventLoop().execute(() -> {
                RequestDispatcher dispatcher = connection.pipeline().get(RequestDispatcher.class);
                if (dispatcher != null) {
                    dispatcher.closeWhenIdle();
                }
            });
        }
        if (!connections.newCloseFuture().awaitUninterruptibly(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("[KafkaServer] {} connections still busy after {} ms; closing them", connections.size(), timeout.toMillis());
            connections.close().awaitUninterruptibly();
        }
        acceptorGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        acceptorGroup = null;
        ioGroup = null;
        log.info("[KafkaServer] Stopped");
    }

    private ChannelInitializer<Channel> initializer(ListenerConfig listener, RequestDecoder decoder) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                if (!gate.admit(channel)) {
                    return;
                }
                // Plaintext listeners have no authentication step: the full limit applies at once.
                Connection connection = new Connection(nextConnectionId.incrementAndGet(), listener.name(),
                        channel, false, config.requestMaxBytes());
                connections.add(channel);
                ConnectionLimits limits = config.connectionLimits();
                if (limits.closesIdleConnections()) {
                    channel.pipeline().addLast(new IdleConnectionCloser(limits.connectionsMaxIdleMs()));
                }
                channel.pipeline().addLast(
                        new FrameDecoder(connection, budget, time, config.requestTimeoutMs()),
                        new RequestDispatcher(connection, decoder));
            }
        };
    }
}
