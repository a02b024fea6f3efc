package io.streambus.metadata.log.raft;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * In-process Raft metadata quorums on 127.0.0.1 ephemeral ports, for tests. Each node keeps its
 * port and directory across restarts. Owned by the test thread.
 */
final class RaftQuorum implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Path dir;
    private final List<QuorumVoter> voters = new ArrayList<>();
    private final Map<Integer, RatisMetadataLog> running = new HashMap<>();
    private final UnaryOperator<RatisMetadataLogConfig> tweak;

    RaftQuorum(Path dir, int size, UnaryOperator<RatisMetadataLogConfig> tweak) {
        this.dir = dir;
        this.tweak = tweak;
        for (int id = 1; id <= size; id++) {
            voters.add(new QuorumVoter(id, "127.0.0.1", freePort()));
        }
    }

    RaftQuorum(Path dir, int size) {
        this(dir, size, UnaryOperator.identity());
    }

    List<QuorumVoter> voters() {
        return List.copyOf(voters);
    }

    RatisMetadataLogConfig config(int id) {
        return tweak.apply(RatisMetadataLogConfig.of(id, voters, dir.resolve("node-" + id)));
    }

    RaftQuorum startAll() {
        voters.forEach(v -> start(v.id()));
        return this;
    }

    RatisMetadataLog start(int id) {
        RatisMetadataLog log = RatisMetadataLog.open(config(id));
        running.put(id, log);
        return log;
    }

    void stop(int id) {
        running.remove(id).close();
    }

    RatisMetadataLog node(int id) {
        return running.get(id);
    }

    List<RatisMetadataLog> running() {
        return List.copyOf(running.values());
    }

    /** Waits until one running node leads and accepts appends, and returns it. */
    RatisMetadataLog awaitLeader() {
        return await().atMost(TIMEOUT).until(
                () -> running.values().stream().filter(RatisMetadataLog::isActiveLeader).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    List<RatisMetadataLog> followers(RatisMetadataLog leader) {
        return running.values().stream().filter(n -> n != leader).toList();
    }

    @Override
    public void close() {
        running.values().forEach(RatisMetadataLog::close);
        running.clear();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
