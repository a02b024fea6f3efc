package io.streambus.metadata.log.raft;

import static io.streambus.metadata.testing.Records.broker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streambus.metadata.log.RecordingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Voters added and removed through Ratis configuration changes. */
class RatisMetadataLogMembershipTest {

    @TempDir
    Path dir;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    @Test
    void aNewVoterJoinsCatchesUpAndCanBeRemovedAgain() {
        RaftQuorum quorum = new RaftQuorum(dir.resolve("q"), 3).startAll();
        toClose.add(quorum);
        RatisMetadataLog leader = quorum.awaitLeader();
        leader.append(List.of(broker(1))).orTimeout(10, TimeUnit.SECONDS).join();

        QuorumVoter newVoter = new QuorumVoter(4, "127.0.0.1", RaftQuorum.freePort());
        List<QuorumVoter> newVoters = new ArrayList<>(quorum.voters());
        newVoters.add(newVoter);
        RatisMetadataLogConfig joiningConfig = RatisMetadataLogConfig.of(newVoter, quorum.voters(), dir.resolve("node-4"));
        assertThat(joiningConfig.joining()).isTrue();
        RatisMetadataLog joining = RatisMetadataLog.open(joiningConfig);
        toClose.add(joining);
        RecordingListener listener = new RecordingListener();
        joining.register(listener).join();
        assertThat(joining.isActiveLeader()).isFalse();

        leader.addVoter(newVoter).orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(leader.voters()).isEqualTo(newVoters);
        assertThat(leader.append(List.of(broker(2))).orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(1);
        await().atMost(RaftQuorum.TIMEOUT).until(() -> listener.lastOffset() == 1);
        assertThat(listener.batchRecords()).containsExactly(broker(1), broker(2));

        leader.removeVoter(4).orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(leader.voters()).isEqualTo(quorum.voters());
        // A removed voter stays an observer: it still receives what the quorum commits.
        assertThat(leader.observers()).containsExactly(4);
        leader.append(List.of(broker(3))).orTimeout(10, TimeUnit.SECONDS).join();
        await().atMost(RaftQuorum.TIMEOUT).until(() -> listener.lastOffset() == 2);

        leader.addVoter(newVoter).orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(leader.voters()).isEqualTo(newVoters);
        assertThat(leader.observers()).isEmpty();
    }

    @Test
    void aJoinedVoterRestartsAsAVoterFromItsOwnStorage() {
        RaftQuorum quorum = new RaftQuorum(dir.resolve("q"), 3).startAll();
        toClose.add(quorum);
        RatisMetadataLog leader = quorum.awaitLeader();
        QuorumVoter newVoter = new QuorumVoter(4, "127.0.0.1", RaftQuorum.freePort());
        RatisMetadataLogConfig joiningConfig = RatisMetadataLogConfig.of(newVoter, quorum.voters(), dir.resolve("node-4"));
        RatisMetadataLog joining = RatisMetadataLog.open(joiningConfig);
        leader.addVoter(newVoter).orTimeout(20, TimeUnit.SECONDS).join();
        leader.append(List.of(broker(1))).orTimeout(10, TimeUnit.SECONDS).join();
        joining.close();

        RatisMetadataLog restarted = RatisMetadataLog.open(joiningConfig);
        toClose.add(restarted);
        RecordingListener listener = new RecordingListener();
        restarted.register(listener).join();

        await().atMost(RaftQuorum.TIMEOUT).until(() -> listener.lastOffset() == 0);
        assertThat(restarted.voters()).extracting(QuorumVoter::id).containsExactly(1, 2, 3, 4);
    }

    @Test
    void addingAVoterTwiceOrRemovingAStrangerIsRefusedWithTheReason() {
        RaftQuorum quorum = new RaftQuorum(dir.resolve("q"), 3).startAll();
        toClose.add(quorum);
        RatisMetadataLog leader = quorum.awaitLeader();

        assertThatThrownBy(() -> leader.addVoter(quorum.voters().get(1)).join())
                .cause().isInstanceOfSatisfying(QuorumChangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(QuorumChangeException.Reason.ALREADY_A_VOTER);
                    assertThat(e).hasMessageContaining("node 2 is already one of the voters [1, 2, 3]");
                });
        assertThatThrownBy(() -> leader.removeVoter(7).join())
                .cause().isInstanceOfSatisfying(QuorumChangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(QuorumChangeException.Reason.NOT_A_VOTER);
                    assertThat(e).hasMessageContaining("node 7 is not one of the voters [1, 2, 3]");
                });
        assertThat(leader.voters()).isEqualTo(quorum.voters());
    }
}
