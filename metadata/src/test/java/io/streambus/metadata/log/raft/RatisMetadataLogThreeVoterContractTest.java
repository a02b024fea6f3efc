package io.streambus.metadata.log.raft;

import static org.awaitility.Awaitility.await;

import io.streambus.metadata.log.MetadataLog;
import io.streambus.metadata.log.MetadataLogContractTest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata-log contract against the leader of three in-process voters. A "restart" restarts
 * the node under test and hands leadership back to it, so it is again the log the contract uses.
 */
class RatisMetadataLogThreeVoterContractTest extends MetadataLogContractTest {

    @TempDir
    Path dir;
    private RaftQuorum quorum;
    private int nodeUnderTest;

    @Override
    protected MetadataLog createLog() {
        quorum = new RaftQuorum(dir, 3).startAll();
        RatisMetadataLog leader = quorum.awaitLeader();
        nodeUnderTest = leader.nodeId();
        return leader;
    }

    @Override
    protected MetadataLog reopenLog() {
        // The contract closed the node under test; once it is back, make it lead again.
        quorum.stop(nodeUnderTest);
        RatisMetadataLog restarted = quorum.start(nodeUnderTest);
        RatisMetadataLog leader = quorum.awaitLeader();
        if (leader != restarted) {
            await().atMost(RaftQuorum.TIMEOUT).until(() -> restarted.lastCommittedOffset()
                    == leader.lastCommittedOffset());
            leader.transferLeadership(nodeUnderTest).orTimeout(15, TimeUnit.SECONDS).join();
        }
        await().atMost(RaftQuorum.TIMEOUT).until(restarted::isActiveLeader);
        return restarted;
    }

    @AfterEach
    void closeQuorum() {
        if (quorum != null) {
            quorum.close();
        }
    }
}
