package io.streambus.metadata.log.raft;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/** Translates a {@link RatisMetadataLogConfig} into Ratis' properties. Stateless. */
final class RatisProperties {

    static final long STAGING_TIMEOUT_MS = 15_000;

    private RatisProperties() {
    }

    static RaftProperties from(RatisMetadataLogConfig config) {
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.GRPC);
        // One port for peers, admin and clients; the admin and client ports default to it.
        GrpcConfigKeys.Server.setHost(properties, config.self().host());
        GrpcConfigKeys.Server.setPort(properties, config.self().port());
        RaftServerConfigKeys.setStorageDir(properties, List.of(config.storageDir().toFile()));

        RaftServerConfigKeys.Rpc.setTimeoutMin(properties, millis(config.electionTimeoutMin().toMillis()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(properties, millis(config.electionTimeoutMax().toMillis()));

        // A new voter is staged until it catches up; Ratis gives up after this long without progress (by default
        // three election timeouts, too short for a node whose Raft server is still starting or is receiving a
        // snapshot). The AddRaftVoter request's own timeout still bounds how long its caller waits.
        RaftServerConfigKeys.setStagingTimeout(properties, millis(STAGING_TIMEOUT_MS));

        // Snapshots are taken when the log is asked to (createSnapshot), never on Ratis' own count,
        // and never at stop: the image is the loader's, not the state machine's.
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, false);
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(properties, false);
        RaftServerConfigKeys.Snapshot.setCreationGap(properties, 1);
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, config.snapshotsRetained());

        // Purge every closed segment behind the snapshot; a follower that needs them gets the snapshot.
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
        RaftServerConfigKeys.Log.setPurgeGap(properties, 1);
        SizeInBytes segmentMax = SizeInBytes.valueOf(config.logSegmentMaxBytes());
        RaftServerConfigKeys.Log.setSegmentSizeMax(properties, segmentMax);
        RaftServerConfigKeys.Log.setPreallocatedSize(properties,
                SizeInBytes.valueOf(Math.min(config.logSegmentMaxBytes(), 4L * 1024 * 1024)));
        return properties;
    }

    private static TimeDuration millis(long ms) {
        return TimeDuration.valueOf(ms, TimeUnit.MILLISECONDS);
    }
}
