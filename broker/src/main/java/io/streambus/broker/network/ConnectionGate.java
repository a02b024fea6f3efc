package io.streambus.broker.network;

import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code max.connections}: counts open connections across listeners and, at the limit, stops the listeners
 * accepting (their server channels stop reading), so new clients wait in the kernel's accept backlog until a
 * connection closes, as Kafka's acceptor blocks. An acceptor may already have taken a few sockets from the
 * backlog in the same read; those are over the limit and closed at once.
 *
 * <p>Thread-safe: {@link #admit} runs on the event loop initialising a connection, the close listener on
 * that connection's loop; listener channels are toggled on their own loops by Netty.
 */
final class ConnectionGate {

    private static final Logger log = LoggerFactory.getLogger(ConnectionGate.class);

    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final List<Channel> listeners = new CopyOnWriteArrayList<>();

    ConnectionGate(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    void addListener(Channel listener) {
        listeners.add(listener);
    }

    /** Counts a new connection; false (and the connection is closed) if it is over the limit. */
    boolean admit(Channel connection) {
        int count = open.incrementAndGet();
        connection.closeFuture().addListener(closed -> {
            if (open.decrementAndGet() == maxConnections - 1) {
                updateAccepting();
            }
        });
        if (count >= maxConnections) {
            updateAccepting();
        }
        if (count > maxConnections) {
            log.debug("[KafkaServer] closing connection from {}: max.connections={} reached",
                    connection.remoteAddress(), maxConnections);
            connection.close();
            return false;
        }
        return true;
    }

    int openConnections() {
        return open.get();
    }

    private void updateAccepting() {
        for (Channel listener : listeners) {
            // On the listener's own loop (from another thread, epoll still accepts one more before it stops),
            // and from the count at that moment, so toggles queued by racing threads converge.
            listener.eventLoop().execute(() -> listener.config().setAutoRead(open.get() < maxConnections));
        }
    }
}
