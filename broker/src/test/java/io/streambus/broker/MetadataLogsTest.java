package io.streambus.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.broker.network.ListenerConfig;
import io.streambus.broker.network.NetworkConfig;
import io.streambus.metadata.log.LocalMetadataLog;
import io.streambus.metadata.log.MetadataLog;
import io.streambus.metadata.log.raft.QuorumVoter;
import io.streambus.metadata.log.raft.RatisMetadataLog;
import io.streambus.storage.LogManagerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory keeps the kind of metadata log it was created with: a single node's directory cannot be
 * started as a quorum voter's, nor the other way round, so a configuration slip cannot start a node on a fresh,
 * empty metadata log beside its real one.
 */
class MetadataLogsTest {

    @TempDir
    Path dataDir;

    @Test
    void aSingleNodeGetsTheLocalLogAndAVoterTheRaftLog() throws IOException {
        try (MetadataLog local = MetadataLogs.open(config(List.of()))) {
            assertThat(local).isInstanceOf(LocalMetadataLog.class);
        }
        try (MetadataLog raft = MetadataLogs.open(config(List.of(new QuorumVoter(1, "127.0.0.1", freePort())))
                .withDataDir(dataDir.resolve("other")))) {
            assertThat(raft).isInstanceOf(RatisMetadataLog.class);
        }
    }

    @Test
    void aSingleNodesDirectoryIsNotStartedAsAVoter() throws IOException {
        MetadataLogs.open(config(List.of())).close();

        assertThatThrownBy(() -> MetadataLogs.open(config(List.of(new QuorumVoter(1, "127.0.0.1", freePort())))))
                .hasMessageContaining("holds a single node's metadata log")
                .hasMessageContaining("new log.dirs");
    }

    @Test
    void aVotersDirectoryIsNotStartedAsASingleNode() throws IOException {
        MetadataLogs.open(config(List.of(new QuorumVoter(1, "127.0.0.1", freePort())))).close();

        assertThatThrownBy(() -> MetadataLogs.open(config(List.of())))
                .hasMessageContaining("belongs to a node of a cluster")
                .hasMessageContaining("controller.quorum.voters");
    }

    private BrokerConfig config(List<QuorumVoter> voters) {
        return new BrokerConfig(1, "metadata-logs-test", dataDir,
                NetworkConfig.defaults(new ListenerConfig("PLAINTEXT", "127.0.0.1", 0)), List.of(), Map.of(),
                LogManagerConfig.DEFAULT,
                voters.isEmpty() ? Optional.empty() : Optional.of(QuorumSeat.voter(1, voters)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
