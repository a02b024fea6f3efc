package io.streambus.broker.network;

import java.net.InetSocketAddress;

import org.apache.kafka.common.security.auth.KafkaPrincipal;

import io.netty.channel.Channel;

/**
 * Per-connection state shared by the connection's handlers: identity, the current frame limit (small
 * until authenticated) and the reasons reading is paused. Owned by the connection's event loop.
 */
final class Connection {

    /** Reading stops while any reason holds; each owner sets and clears only its own. */
    enum PauseReason { MEMORY, BACKPRESSURE, SHUTDOWN }

    private final long id;
    private final String listenerName;
    private final InetSocketAddress remoteAddress;
    private final boolean tls;
    private final Channel channel;
    private final String logPrefix;
    private int maxFrameBytes;
    private KafkaPrincipal principal = KafkaPrincipal.ANONYMOUS;
    private int pauseReasons;

    Connection(long id, String listenerName, Channel channel, boolean tls, int maxFrameBytes) {
        this.id = id;
        this.listenerName = listenerName;
        this.channel = channel;
        this.remoteAddress = (InetSocketAddress) channel.remoteAddress();
        this.tls = tls;
        this.maxFrameBytes = maxFrameBytes;
        this.logPrefix = "[Connection " + id + " " + listenerName + " " + remoteAddress + "] ";
    }

    long id() {
        return id;
    }

    String listenerName() {
        return listenerName;
    }

    InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    boolean tls() {
        return tls;
    }

    String logPrefix() {
        return logPrefix;
    }

    int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Raised after authentication (SASL) from the pre-authentication limit to socket.request.max.bytes. */
    void maxFrameBytes(int bytes) {
        this.maxFrameBytes = bytes;
    }

    KafkaPrincipal principal() {
        return principal;
    }

    void principal(KafkaPrincipal authenticated) {
        this.principal = authenticated;
    }

    void pause(PauseReason reason) {
        pauseReasons |= 1 << reason.ordinal();
        channel.config().setAutoRead(false);
    }

    void resume(PauseReason reason) {
        pauseReasons &= ~(1 << reason.ordinal());
        if (pauseReasons == 0 && channel.isActive()) {
            channel.config().setAutoRead(true); // also issues a read
        }
    }
}
