package io.streambus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.it.support.Clients;
import io.streambus.it.support.InProcessBroker;
import io.streambus.it.support.KafkaTool;
import java.nio.file.Path;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.tools.FeatureCommand;
import org.apache.kafka.tools.MetadataQuorumCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka 4.1's kafka-metadata-quorum and kafka-features (kafka-tools, run in-process through their {@code main})
 * against one StreamBus node: the local metadata log reads as a one-voter quorum led by this node, the
 * features are the ones ApiVersions finalizes, and what a single node cannot do fails with Kafka's error.
 */
class MetadataToolsIT {

    @TempDir
    static Path workDir;
    static InProcessBroker broker;
    static Admin admin;

    @BeforeAll
    static void start() {
        broker = InProcessBroker.start(workDir.resolve("data"));
        admin = Clients.admin(broker.bootstrap());
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void quorumStatusShowsThisNodeAsLeaderAndOnlyVoter() throws Exception {
        KafkaTool.Result status = quorum("describe", "--status");

        assertThat(status.exitCode()).as(status.err()).isZero();
        String clusterId = admin.describeCluster().clusterId().get();
        assertThat(status.out()).contains("ClusterId:              " + clusterId,
                "LeaderId:               1",
                "LeaderEpoch:            1",
                "MaxFollowerLag:         0",
                "MaxFollowerLagTimeMs:   0",
                "CurrentVoters:          [{\"id\": 1}]",
                "CurrentObservers:       []");
        assertThat(status.out()).containsPattern("HighWatermark:\\s+[1-9][0-9]*");
    }

    @Test
    void quorumReplicationShowsOneLeaderRow() throws Exception {
        KafkaTool.Result replication = quorum("describe", "--replication", "--human-readable");

        assertThat(replication.exitCode()).as(replication.err()).isZero();
        assertThat(replication.out().lines().filter(line -> !line.isBlank()))
                .hasSize(2)
                .first().asString().contains("NodeId", "DirectoryId", "LogEndOffset", "Lag", "Status");
        assertThat(replication.out()).containsPattern("(?m)^1\\s+AAAAAAAAAAAAAAAAAAAAAA\\s+[1-9][0-9]*\\s+0\\s+\\d+ ms ago\\s+\\d+ ms ago\\s+Leader");
    }

    @Test
    void theQuorumLeaderIsTheControllerEveryOtherApiReports() throws Exception {
        QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get();

        assertThat(admin.describeCluster().controller().get().id()).isEqualTo(quorum.leaderId()).isEqualTo(1);
        assertThat(quorum.voters()).singleElement().satisfies(voter -> {
            assertThat(voter.replicaId()).isEqualTo(1);
            assertThat(voter.logEndOffset()).isEqualTo(quorum.highWatermark());
        });
        assertThat(quorum.observers()).isEmpty();
    }

    @Test
    void quorumMembershipChangesFailAsUnsupported() throws Exception {
        // One node and its local log: there is no Raft quorum whose voters could change.
        KafkaTool.Result remove = quorum("remove-controller", "--controller-id", "1",
                "--controller-directory-id", "AAAAAAAAAAAAAAAAAAAAAA");

        assertThat(remove.exitCode()).isNotZero();
        assertThat(remove.out() + remove.err()).contains("UnsupportedVersionException",
                "The node does not support REMOVE_RAFT_VOTER");
    }

    @Test
    void featuresDescribeListsTheFinalizedTransactionVersion() throws Exception {
        KafkaTool.Result describe = features("describe");

        assertThat(describe.exitCode()).as(describe.err()).isZero();
        assertThat(describe.out()).contains("Feature: transaction.version\tSupportedMinVersion: 0\t"
                + "SupportedMaxVersion: 1\tFinalizedVersionLevel: 1\tEpoch: 0");
    }

    @Test
    void featureUpgradesFailAsUnsupported() throws Exception {
        // The finalized levels are fixed by the binary (no UpdateFeatures API), so a change is refused as Kafka's
        // Admin refuses an API a node does not advertise.
        KafkaTool.Result upgrade = features("upgrade", "--feature", "transaction.version=1");

        assertThat(upgrade.exitCode()).isNotZero();
        assertThat(upgrade.out()).contains("Could not upgrade transaction.version to 1. "
                + "The node does not support UPDATE_FEATURES");
    }

    private static KafkaTool.Result quorum(String... args) throws Exception {
        return KafkaTool.run(MetadataQuorumCommand::main, prepend(args));
    }

    private static KafkaTool.Result features(String... args) throws Exception {
        return KafkaTool.run(FeatureCommand::main, prepend(args));
    }

    private static String[] prepend(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--bootstrap-server";
        all[1] = broker.bootstrap();
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }
}
