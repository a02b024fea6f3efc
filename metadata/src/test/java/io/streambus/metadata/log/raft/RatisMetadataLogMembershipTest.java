package io.streambus.metadata.log.raft;

import static io.streambus.metadata.testing.Records.broker;
import static org.assertj.core.api.Assertions.assertThat;
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
        RatisMetadataLog joining = RatisMetadataLog.open(RatisMetadataLogConfig.of(4, newVoters, dir.resolve("node-4")));
        toClose.add(joining);
        RecordingListener listener = new RecordingListener();
        joining.register(listener).join();

        leader.addVoter(newVoter).orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(leader.voters()).isEqualTo(newVoters);
        assertThat(leader.append(List.of(broker(2))).orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(1);
        await().atMost(RaftQuorum.TIMEOUT).until(() -> listener.lastOffset() == 1);
        assertThat(listener.batchRecords()).containsExactly(broker(1), broker(2));

        leader.removeVoter(4).orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(leader.voters()).isEqualTo(quorum.voters());
    }
}
