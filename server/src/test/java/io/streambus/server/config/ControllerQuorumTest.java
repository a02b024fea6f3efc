package io.streambus.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.metadata.log.raft.QuorumVoter;
import org.junit.jupiter.api.Test;

/**
 * The quorum keys checked together, with the messages an operator sees when one node's file is wrong: each
 * names the key, what is wrong and what to do.
 */
class ControllerQuorumTest {

    private static final String VOTERS = "controller.quorum.voters=1@127.0.0.1:9191,2@127.0.0.1:9192,3@127.0.0.1:9193";

    private static ServerConfigLoader node(int id, String... extra) {
        ServerConfigLoader loader = new ServerConfigLoader().set("node.id=" + id)
                .set("process.roles=broker,controller").set(VOTERS).set("controller.listener.names=CONTROLLER")
                .set("listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:919" + id);
        for (String setting : extra) {
            loader.set(setting);
        }
        return loader;
    }

    @Test
    void aCombinedNodeGetsItsQuorumAndOnlyTheKafkaListenersAreBound() {
        ServerConfig config = node(2).load();

        ControllerQuorum quorum = config.quorum().orElseThrow();
        assertThat(quorum.voters()).containsExactly(new QuorumVoter(1, "127.0.0.1", 9191),
                new QuorumVoter(2, "127.0.0.1", 9192), new QuorumVoter(3, "127.0.0.1", 9193));
        assertThat(quorum.controllerListener()).isEqualTo(new Listener("CONTROLLER", "127.0.0.1", 9192));
        assertThat(config.listeners()).containsExactly(new Listener("PLAINTEXT", "127.0.0.1", 9092));
        assertThat(config.advertisedListeners()).containsExactly(new Listener("PLAINTEXT", "127.0.0.1", 9092));
    }

    @Test
    void everyNodeOfAQuorumDerivesTheSameClusterIdAndAnotherQuorumAnother() {
        String first = node(1).load().quorum().orElseThrow().clusterId();
        assertThat(node(3).load().quorum().orElseThrow().clusterId()).isEqualTo(first);
        assertThat(org.apache.kafka.common.Uuid.fromString(first)).isNotNull();
        String other = new ServerConfigLoader().set("process.roles=broker,controller")
                .set("controller.quorum.voters=1@127.0.0.1:9999").set("controller.listener.names=CONTROLLER")
                .set("listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9999").load().quorum().orElseThrow()
                .clusterId();
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void aSingleNodeHasNoQuorum() {
        assertThat(new ServerConfigLoader().load().quorum()).isEmpty();
    }

    @Test
    void dedicatedRolesAreRefusedUntilSupported() {
        assertThatThrownBy(() -> node(1, "process.roles=broker").load())
                .isInstanceOf(ServerConfigException.class)
                .hasMessageContaining("process.roles=broker is not supported yet")
                .hasMessageContaining("process.roles=broker,controller");
        assertThatThrownBy(() -> node(1, "process.roles=controller").load())
                .hasMessageContaining("process.roles=controller is not supported yet");
    }

    @Test
    void aNodeOutsideTheVotersJoinsTheQuorumOfTheSameCluster() {
        ControllerQuorum joining = node(4).load().quorum().orElseThrow();

        assertThat(joining.joining()).isTrue();
        assertThat(joining.self()).isEqualTo(new QuorumVoter(4, "127.0.0.1", 9194));
        assertThat(joining.clusterId()).isEqualTo(node(1).load().quorum().orElseThrow().clusterId());
        assertThat(node(1).load().quorum().orElseThrow().joining()).isFalse();
    }

    @Test
    void theControllerListenerMustUseThisNodesVoterPort() {
        assertThatThrownBy(() -> node(1, "listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9999").load())
                .hasMessageContaining("CONTROLLER://127.0.0.1:9999")
                .hasMessageContaining("1@127.0.0.1:9191")
                .hasMessageContaining("same port");
        assertThatThrownBy(() -> node(1, "listeners=PLAINTEXT://127.0.0.1:9092").load())
                .hasMessageContaining("listeners has no CONTROLLER://host:port entry");
    }

    @Test
    void quorumKeysWithoutRolesAndBadVoterListsAreRefused() {
        assertThatThrownBy(() -> new ServerConfigLoader().set(VOTERS).load())
                .hasMessageContaining("controller.quorum.voters is set but process.roles is not");
        assertThatThrownBy(() -> node(1, "controller.quorum.voters=1@127.0.0.1:9191,1@127.0.0.1:9192").load())
                .hasMessageContaining("lists voter id 1 twice");
        assertThatThrownBy(() -> node(1, "controller.quorum.voters=1-127.0.0.1:9191").load())
                .hasMessageContaining("Invalid controller.quorum.voters");
        assertThatThrownBy(() -> node(1, "controller.listener.names=CONTROLLER,RAFT").load())
                .hasMessageContaining("exactly one listener");
    }

    @Test
    void dynamicQuorumBootstrapIsRefusedAsNotSupportedYet() {
        assertThatThrownBy(() -> node(1, "controller.quorum.bootstrap.servers=127.0.0.1:9191").load())
                .hasMessageContaining("controller.quorum.bootstrap.servers")
                .hasMessageContaining("not supported yet");
    }

    @Test
    void aControllerListenerNameIsAcceptedOnlyWhenDeclared() {
        assertThatThrownBy(() -> new ServerConfigLoader()
                .set("listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9191").load())
                .hasMessageContaining("listener name CONTROLLER is not a security protocol");
    }

    @Test
    void theExampleClusterConfigsLoadAsOneQuorum() {
        java.util.Set<String> clusterIds = new java.util.HashSet<>();
        for (int id = 1; id <= 3; id++) {
            ServerConfig config = new ServerConfigLoader()
                    .file(java.nio.file.Path.of("../config/cluster/node-" + id + ".yaml")).load();
            assertThat(config.nodeId()).isEqualTo(id);
            assertThat(config.quorum().orElseThrow().voters()).hasSize(3);
            clusterIds.add(config.quorum().orElseThrow().clusterId());
        }
        assertThat(clusterIds).hasSize(1);
    }
}
