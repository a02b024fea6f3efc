package io.streambus.metadata.controller;

import java.util.HashMap;
import java.util.Map;

/**
 * When each broker last contacted this controller (registration or heartbeat), on the controller's clock. Not in
 * the metadata log, as in KRaft: a new controller starts with no sessions, gives every broker one session
 * timeout from its own start before fencing it, and does not count a registration it has not heard from as a
 * live duplicate.
 *
 * <p>Threading: owned by the controller thread.
 */
final class BrokerSessions {

    private final long startNs;
    private final Map<Integer, Session> sessions = new HashMap<>();

    private record Session(long epoch, long lastContactNs) {
    }

    BrokerSessions(long startNs) {
        this.startNs = startNs;
    }

    void touch(int brokerId, long epoch, long nowNs) {
        sessions.put(brokerId, new Session(epoch, nowNs));
    }

    void remove(int brokerId) {
        sessions.remove(brokerId);
    }

    /** Whether the broker with this registration epoch contacted this controller within the timeout. */
    boolean hasLiveSession(int brokerId, long epoch, long nowNs, long timeoutNs) {
        Session session = sessions.get(brokerId);
        return session != null && session.epoch() == epoch && nowNs - session.lastContactNs() < timeoutNs;
    }

    /** Whether the broker has been silent for longer than the timeout, counting from this controller's start. */
    boolean isExpired(int brokerId, long epoch, long nowNs, long timeoutNs) {
        Session session = sessions.get(brokerId);
        long lastNs = session != null && session.epoch() == epoch ? session.lastContactNs() : startNs;
        return nowNs - lastNs >= timeoutNs;
    }
}
