package io.streambus.metadata.log.raft;

import io.streambus.metadata.log.MetadataLog;
import io.streambus.metadata.log.MetadataLogContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The metadata-log contract on a single-voter Ratis quorum. */
class RatisMetadataLogTest extends MetadataLogContractTest {

    @TempDir
    Path dir;
    private RaftQuorum quorum;

    @Override
    protected MetadataLog createLog() {
        quorum = new RaftQuorum(dir, 1);
        quorum.start(1);
        return quorum.awaitLeader();
    }

    @Override
    protected MetadataLog reopenLog() {
        // The contract closed the previous instance; start the same node again.
        quorum.start(1);
        return quorum.awaitLeader();
    }

    @AfterEach
    void closeQuorum() {
        if (quorum != null) {
            quorum.close();
        }
    }
}
