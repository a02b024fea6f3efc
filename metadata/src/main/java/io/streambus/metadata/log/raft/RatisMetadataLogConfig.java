package io.streambus.metadata.log.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link RatisMetadataLog} needs, already validated. Maps onto KRaft's keys:
 * {@code node.id} → {@link #nodeId}, {@code controller.quorum.voters} → {@link #voters}, the
 * {@code CONTROLLER} listener → this node's entry in {@link #voters}, a directory under
 * {@code log.dirs} (or {@code metadata.log.dir}) → {@link #storageDir}.
 *
 * @param nodeId            this node's id
 * @param self              where this node's Raft server listens ({@code id@host:port}, its controller listener)
 * @param voters            the voters the quorum was created with, {@code id@host:port} each (1, 3 or 5 in
 *                          practice). A node that is not among them joins an existing quorum: it starts without a
 *                          vote and waits to be added (KIP-853's AddRaftVoter). Once Raft has a configuration in
 *                          its own storage, that one wins over this list.
 * @param storageDir        Ratis' storage: the Raft log, its metadata and the state machine's snapshots
 * @param electionTimeoutMin lower bound of the randomised election timeout
 * @param electionTimeoutMax upper bound of the randomised election timeout
 * @param appendTimeout     how long an append may wait for commit before failing
 * @param logSegmentMaxBytes size at which Ratis closes a log segment; only closed segments can be
 *                          purged behind a snapshot
 * @param snapshotsRetained snapshot files kept on disk (the newest ones)
 */
public record RatisMetadataLogConfig(int nodeId, QuorumVoter self, List<QuorumVoter> voters, Path storageDir,
                                     Duration electionTimeoutMin, Duration electionTimeoutMax,
                                     Duration appendTimeout, long logSegmentMaxBytes, int snapshotsRetained) {

    public static final Duration DEFAULT_ELECTION_TIMEOUT_MIN = Duration.ofMillis(300);
    public static final Duration DEFAULT_ELECTION_TIMEOUT_MAX = Duration.ofMillis(600);
    public static final Duration DEFAULT_APPEND_TIMEOUT = Duration.ofSeconds(10);
    public static final long DEFAULT_LOG_SEGMENT_MAX_BYTES = 8L * 1024 * 1024;
    public static final int DEFAULT_SNAPSHOTS_RETAINED = 3;

    public RatisMetadataLogConfig {
        voters = List.copyOf(voters);
        Objects.requireNonNull(storageDir, "storageDir");
        if (voters.isEmpty()) {
            throw new IllegalArgumentException("controller.quorum.voters is empty");
        }
        if (voters.stream().map(QuorumVoter::id).distinct().count() != voters.size()) {
            throw new IllegalArgumentException("controller.quorum.voters lists an id twice: " + voters);
        }
        Objects.requireNonNull(self, "self");
        if (self.id() != nodeId) {
            throw new IllegalArgumentException("node.id " + nodeId + " does not match its own endpoint " + self);
        }
        for (QuorumVoter voter : voters) {
            if (voter.id() == nodeId && !voter.equals(self)) {
                throw new IllegalArgumentException("node.id " + nodeId + " is " + voter + " in controller.quorum.voters"
                        + " but its Raft server listens on " + self.address());
            }
        }
        if (electionTimeoutMin.isNegative() || electionTimeoutMin.isZero()
                || electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
            throw new IllegalArgumentException("election timeouts must satisfy 0 < min < max, were "
                    + electionTimeoutMin + " and " + electionTimeoutMax);
        }
        if (appendTimeout.isNegative() || appendTimeout.isZero()) {
            throw new IllegalArgumentException("appendTimeout must be positive, was " + appendTimeout);
        }
        if (logSegmentMaxBytes < 1024) {
            throw new IllegalArgumentException("logSegmentMaxBytes must be at least 1024, was " + logSegmentMaxBytes);
        }
        if (snapshotsRetained < 1) {
            throw new IllegalArgumentException("snapshotsRetained must be at least 1, was " + snapshotsRetained);
        }
    }

    /**
     * A voter's config with the defaults for everything but identity, voters and storage.
     *
     * @throws IllegalArgumentException if {@code nodeId} is not one of {@code voters}
     */
    public static RatisMetadataLogConfig of(int nodeId, List<QuorumVoter> voters, Path storageDir) {
        QuorumVoter self = voters.stream().filter(v -> v.id() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("node.id " + nodeId + " is not in controller.quorum.voters "
                        + voters));
        return of(self, voters, storageDir);
    }

    /** A config with the defaults; {@code self} need not be one of {@code voters} (a node joining the quorum). */
    public static RatisMetadataLogConfig of(QuorumVoter self, List<QuorumVoter> voters, Path storageDir) {
        return new RatisMetadataLogConfig(self.id(), self, voters, storageDir, DEFAULT_ELECTION_TIMEOUT_MIN,
                DEFAULT_ELECTION_TIMEOUT_MAX, DEFAULT_APPEND_TIMEOUT, DEFAULT_LOG_SEGMENT_MAX_BYTES,
                DEFAULT_SNAPSHOTS_RETAINED);
    }

    /** True for a node that is not one of the initial voters: it waits to be added to the quorum. */
    public boolean joining() {
        return voters.stream().noneMatch(v -> v.id() == nodeId);
    }

    /** Parses {@code controller.quorum.voters}: {@code id@host:port,id@host:port,...}. */
    public static List<QuorumVoter> parseVoters(String text) {
        List<QuorumVoter> voters = new ArrayList<>();
        for (String entry : text.split(",")) {
            if (!entry.isBlank()) {
                voters.add(QuorumVoter.parse(entry));
            }
        }
        return voters;
    }

    public RatisMetadataLogConfig withLogSegmentMaxBytes(long bytes) {
        return new RatisMetadataLogConfig(nodeId, self, voters, storageDir, electionTimeoutMin, electionTimeoutMax,
                appendTimeout, bytes, snapshotsRetained);
    }
}
