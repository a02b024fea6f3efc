package io.streambus.metadata.log.raft;

import io.streambus.metadata.log.MetadataLog;
import io.streambus.metadata.log.MetadataLogException;
import io.streambus.metadata.log.MetadataLogListener;
import io.streambus.metadata.log.MetadataSnapshot;
import io.streambus.metadata.log.NotControllerException;
import io.streambus.metadata.record.MetadataRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.protocol.exceptions.ReconfigurationInProgressException;
import org.apache.ratis.protocol.exceptions.ReconfigurationTimeoutException;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata log replicated by a Raft quorum on Apache Ratis (ARCHITECTURE decision 5,
 * docs/decisions/0009). Each node runs one Ratis server with one group, the metadata quorum;
 * {@link MetadataStateMachine} applies committed batches and {@link AppliedLog} delivers them.
 *
 * <p>Appends go to this node's own Ratis division, never elsewhere: on the leader they complete
 * with the batch's last offset once it is committed by a majority and delivered to this node's
 * listeners; on any other node, or when leadership is lost before the reply, they fail with
 * {@link NotControllerException}, which the broker maps to {@code NOT_CONTROLLER} (forwarding to
 * the active controller is the broker's job, with {@link NotControllerException#leaderHint()}).
 *
 * <p>{@link #createSnapshot} hands the image to the state machine and asks Ratis to take a
 * snapshot; Ratis' {@code takeSnapshot} writes it, and Ratis purges the log behind it and sends
 * it to followers that are too far behind.
 *
 * <p>Threading: thread-safe. Listener, leadership and snapshot bookkeeping live on one thread,
 * {@code metadata-log-<nodeId>}; Ratis' own threads run replication, elections and the state
 * machine updater (see {@link MetadataStateMachine}).
 */
public final class RatisMetadataLog implements MetadataLog {

    /** One metadata quorum per cluster, so one fixed group id (the cluster id lives in the records). */
    static final RaftGroupId GROUP_ID = RaftGroupId.valueOf(
            UUID.nameUUIDFromBytes("streambus-cluster-metadata".getBytes(StandardCharsets.UTF_8)));
    private static final long SNAPSHOT_TIMEOUT_MS = 30_000;

    private static final Logger log = LoggerFactory.getLogger(RatisMetadataLog.class);

    private final RatisMetadataLogConfig config;
    private final String logPrefix;
    private final RaftPeerId peerId;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final ExecutorService logThread;
    private final AppliedLog applied;
    private final RaftServer server;
    private final Map<Integer, Long> lastCaughtUpMs = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private RatisMetadataLog(RatisMetadataLogConfig config) throws IOException {
        this.config = config;
        this.logPrefix = "[RaftMetadataLog node " + config.nodeId() + "] ";
        this.peerId = peerId(config.nodeId());
        this.logThread = Executors.newSingleThreadExecutor(Thread.ofPlatform()
                .name("metadata-log-" + config.nodeId()).daemon().factory());
        this.applied = new AppliedLog(logPrefix);
        MetadataStateMachine stateMachine = new MetadataStateMachine(logPrefix, applied, logThread,
                this::leaderAndEpoch);
        List<RaftPeer> peers = new ArrayList<>(config.voters().stream().map(RatisMetadataLog::peer).toList());
        if (config.joining()) {
            // Ratis needs this node in its group; as a listener it holds no vote and calls no elections until the
            // leader adds it and replicates the configuration that makes it a voter.
            peers.add(RaftPeer.newBuilder(peer(config.self())).setStartupRole(RaftPeerRole.LISTENER).build());
        }
        this.server = RaftServer.newBuilder()
                .setServerId(peerId)
                .setGroup(RaftGroup.valueOf(GROUP_ID, peers))
                .setStateMachine(stateMachine)
                .setProperties(RatisProperties.from(config))
                .setOption(RaftStorage.StartupOption.RECOVER)
                .build();
    }

    /**
     * Starts this node's Raft server: loads the latest snapshot, re-applies the committed log
     * after it, and joins (or starts) an election. Returns without waiting for a leader; use
     * {@link #isActiveLeader()} or a {@link LeadershipListener} for that.
     */
    public static RatisMetadataLog open(RatisMetadataLogConfig config) {
        RatisMetadataLog metadataLog = null;
        try {
            metadataLog = new RatisMetadataLog(config);
            metadataLog.server.start();
            if (config.joining()) {
                log.info("{}Started on {}, not a voter of {}: waiting to be added to the quorum (AddRaftVoter, "
                        + "kafka-metadata-quorum add-controller)", metadataLog.logPrefix, config.self().address(),
                        config.voters());
            } else {
                log.info("{}Started on {} with voters {}", metadataLog.logPrefix, config.self().address(),
                        metadataLog.voters());
            }
            return metadataLog;
        } catch (IOException | RuntimeException e) {
            if (metadataLog != null) {
                metadataLog.close();
            }
            throw new MetadataLogException("[RaftMetadataLog node " + config.nodeId() + "] cannot start on "
                    + config.self().address() + ": " + e.getMessage(), e);
        }
    }

    public int nodeId() {
        return config.nodeId();
    }

    @Override
    public CompletableFuture<Long> append(List<MetadataRecord> records) {
        if (records.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("empty metadata batch"));
        }
        if (closed) {
            return CompletableFuture.failedFuture(new MetadataLogException(logPrefix + "closed"));
        }
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(peerId)
                .setGroupId(GROUP_ID)
                .setCallId(callIds.incrementAndGet())
                .setMessage(Message.valueOf(ByteString.copyFrom(MetadataEntryCodec.encode(records))))
                .setType(RaftClientRequest.writeRequestType())
                .setTimeoutMs(config.appendTimeout().toMillis())
                .build();
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = server.submitClientRequestAsync(request);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(RaftReplies.translate(e, logPrefix));
        }
        return reply.orTimeout(config.appendTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((r, error) -> {
                    MetadataLogException failure = error != null ? RaftReplies.translate(error, logPrefix)
                            : RaftReplies.failureOf(r, logPrefix);
                    if (failure != null) {
                        throw failure;
                    }
                    return MetadataEntryCodec.decodeOffset(r.getMessage().getContent().asReadOnlyByteBuffer());
                });
    }

    @Override
    public CompletableFuture<Void> register(MetadataLogListener listener) {
        return onLogThread(() -> {
            applied.register(listener);
            return null;
        });
    }

    /**
     * Hands the image at {@code snapshot.lastOffset()} (the end of a committed batch) to the state
     * machine, then asks Ratis to take a snapshot, which writes it. Completes once it is on disk.
     * Each node snapshots on its own, as Raft nodes do.
     */
    @Override
    public CompletableFuture<Void> createSnapshot(MetadataSnapshot snapshot) {
        return onLogThread(() -> applied.offerSnapshot(snapshot)).thenCompose(offered -> {
            if (!offered) {
                return CompletableFuture.completedFuture(null);
            }
            return server.snapshotManagementAsync(SnapshotManagementRequest.newCreate(clientId, peerId, GROUP_ID,
                    callIds.incrementAndGet(), SNAPSHOT_TIMEOUT_MS, 1)).thenApply(this::checkSucceeded);
        });
    }

    @Override
    public long lastCommittedOffset() {
        return applied.lastOffset();
    }

    /** The leader this node knows of and the current epoch (Raft term). */
    /** The Raft term of the current leader, as DescribeQuorum reports it (Kafka's epoch is an int32). */
    @Override
    public int leaderEpoch() {
        return (int) Math.min(Integer.MAX_VALUE, leaderAndEpoch().epoch());
    }

    public LeaderAndEpoch leaderAndEpoch() {
        DivisionInfo info = divisionInfo();
        if (info == null) {
            return new LeaderAndEpoch(OptionalInt.empty(), 0);
        }
        RaftPeerId leader = info.getLeaderId();
        return new LeaderAndEpoch(leader == null ? OptionalInt.empty()
                : OptionalInt.of(Integer.parseInt(leader.toString())), info.getCurrentTerm());
    }

    @Override
    public boolean isActiveController() {
        return isActiveLeader();
    }

    @Override
    public OptionalInt activeController(int localNodeId) {
        return leaderAndEpoch().leaderId();
    }

    /** True when this node leads and has applied every earlier term: appends are accepted. */
    public boolean isActiveLeader() {
        DivisionInfo info = divisionInfo();
        return info != null && info.isLeader() && info.isLeaderReady();
    }

    /** The voters of the current Raft configuration. */
    public List<QuorumVoter> voters() {
        try {
            Collection<RaftPeer> peers = server.getDivision(GROUP_ID).getRaftConf().getCurrentPeers();
            return peers.stream().map(RatisMetadataLog::voter).sorted(java.util.Comparator.comparingInt(
                    QuorumVoter::id)).toList();
        } catch (IOException e) {
            throw new MetadataLogException(logPrefix + "no Raft division: " + e.getMessage(), e);
        }
    }

    /**
     * Each follower's progress as this node, the leader, sees it through Ratis: its match index turned into a
     * StreamBus offset, and how long ago it last answered. Empty on any node but the leader, which alone knows.
     */
    public CompletableFuture<List<ReplicaProgress>> followerProgress(long nowMs) {
        DivisionInfo info = divisionInfo();
        if (info == null || !info.isLeader()) {
            return CompletableFuture.completedFuture(List.of());
        }
        // Both come from the leader's list of log appenders, in the same order.
        List<ServerRpcProto> followers = info.getRoleInfoProto().getLeaderInfo().getFollowerInfoList();
        long[] matchIndexes = info.getFollowerMatchIndices();
        long appliedIndex = info.getLastAppliedIndex();
        if (followers.size() != matchIndexes.length) {
            return CompletableFuture.completedFuture(List.of()); // the configuration changed in between
        }
        return onLogThread(() -> {
            List<ReplicaProgress> progress = new ArrayList<>(followers.size());
            for (int i = 0; i < followers.size(); i++) {
                int id = Integer.parseInt(followers.get(i).getId().getId().toStringUtf8());
                long lastFetchMs = nowMs - followers.get(i).getLastRpcElapsedTimeMs();
                long lastOffset = applied.offsetThrough(matchIndexes[i], appliedIndex);
                if (lastOffset == applied.lastOffset()) {
                    lastCaughtUpMs.put(id, lastFetchMs);
                }
                progress.add(new ReplicaProgress(id, lastOffset < 0 && applied.lastOffset() >= 0 ? -1 : lastOffset + 1,
                        lastFetchMs, lastCaughtUpMs.getOrDefault(id, -1L)));
            }
            return progress;
        });
    }

    /**
     * Adds a listener for leadership changes; it first receives the current leader and epoch.
     * Callbacks come on the log thread.
     */
    public CompletableFuture<Void> addLeadershipListener(LeadershipListener listener) {
        return onLogThread(() -> {
            applied.addLeadershipListener(listener, leaderAndEpoch());
            return null;
        });
    }

    /**
     * Adds a voter through a Raft configuration change (on the leader only). The new node must be running with
     * this group (as a {@linkplain RatisMetadataLogConfig#joining() joining} node); Ratis first brings it up to
     * date from the leader's snapshot and log, then commits the configuration that gives it a vote.
     *
     * @throws QuorumChangeException (in the future) already a voter, a change in progress, or not caught up in time
     */
    public CompletableFuture<Void> addVoter(QuorumVoter voter) {
        List<RaftPeer> peers = new ArrayList<>(currentPeers(RaftPeerRole.FOLLOWER));
        if (peers.stream().anyMatch(p -> p.getId().equals(peerId(voter.id())))) {
            return CompletableFuture.failedFuture(new QuorumChangeException(QuorumChangeException.Reason.ALREADY_A_VOTER,
                    "node " + voter.id() + " is already one of the voters " + voterIds(peers)));
        }
        List<RaftPeer> listeners = new ArrayList<>(currentPeers(RaftPeerRole.LISTENER));
        listeners.removeIf(p -> p.getId().equals(peerId(voter.id())));
        peers.add(peer(voter));
        log.info("{}Adding voter {}: new voters {}", logPrefix, voter, voterIds(peers));
        return setConfiguration(peers, listeners);
    }

    /**
     * Removes a voter through a Raft configuration change (on the leader only). The node stays an observer: it
     * goes on receiving the log without a vote, as a removed KRaft voter does, until it is stopped or added again.
     * Removing the leader itself makes it step down once the new configuration commits.
     *
     * @throws QuorumChangeException (in the future) not a voter, the last voter, or a change in progress
     */
    public CompletableFuture<Void> removeVoter(int nodeId) {
        List<RaftPeer> peers = new ArrayList<>(currentPeers(RaftPeerRole.FOLLOWER));
        List<Integer> before = voterIds(peers);
        RaftPeer removed = peers.stream().filter(p -> p.getId().equals(peerId(nodeId))).findFirst().orElse(null);
        if (removed == null) {
            return CompletableFuture.failedFuture(new QuorumChangeException(QuorumChangeException.Reason.NOT_A_VOTER,
                    "node " + nodeId + " is not one of the voters " + before));
        }
        peers.remove(removed);
        if (peers.isEmpty()) {
            return CompletableFuture.failedFuture(new QuorumChangeException(QuorumChangeException.Reason.NOT_A_VOTER,
                    "node " + nodeId + " is the only voter: a quorum cannot be left without voters"));
        }
        List<RaftPeer> listeners = new ArrayList<>(currentPeers(RaftPeerRole.LISTENER));
        listeners.add(removed);
        log.info("{}Removing voter {}: new voters {}, observers {}", logPrefix, nodeId, voterIds(peers),
                voterIds(listeners));
        return setConfiguration(peers, listeners);
    }

    /** The observers: nodes that receive the log without a vote (voters removed with {@link #removeVoter}). */
    public List<Integer> observers() {
        return voterIds(currentPeers(RaftPeerRole.LISTENER));
    }

    /**
     * Asks this node, the leader, to hand leadership to {@code nodeId} (e.g. before a controlled
     * shutdown); completes once that node leads.
     */
    public CompletableFuture<Void> transferLeadership(int nodeId) {
        try {
            return server.transferLeadershipAsync(new TransferLeadershipRequest(clientId, peerId, GROUP_ID,
                    callIds.incrementAndGet(), peerId(nodeId), config.appendTimeout().toMillis()))
                    .thenApply(this::checkSucceeded);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(RaftReplies.translate(e, logPrefix));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("{}Error stopping the Raft server", logPrefix, e);
        }
        logThread.shutdown();
        try {
            if (!logThread.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("{}Log thread did not stop within 30s", logPrefix);
                logThread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("{}Closed at offset {}", logPrefix, applied.lastOffset());
    }

    /** The division's Raft log, for tests that check purging. */
    RaftLog raftLogForTests() {
        try {
            return server.getDivision(GROUP_ID).getRaftLog();
        } catch (IOException e) {
            throw new MetadataLogException(logPrefix + "no Raft division: " + e.getMessage(), e);
        }
    }

    private CompletableFuture<Void> setConfiguration(List<RaftPeer> peers, List<RaftPeer> listeners) {
        try {
            return server.setConfigurationAsync(new SetConfigurationRequest(clientId, peerId, GROUP_ID,
                    callIds.incrementAndGet(), peers, listeners)).handle((reply, error) -> {
                        Throwable cause = error != null ? error : reply.getException();
                        if (cause == null && !reply.isSuccess()) {
                            throw new MetadataLogException(logPrefix + "configuration change failed without a reason");
                        }
                        if (cause != null) {
                            throw quorumChangeFailure(cause);
                        }
                        log.info("{}Voters are now {}", logPrefix, voterIds(peers));
                        return null;
                    });
        } catch (IOException e) {
            return CompletableFuture.failedFuture(RaftReplies.translate(e, logPrefix));
        }
    }

    private MetadataLogException quorumChangeFailure(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return switch (cause) {
            case ReconfigurationInProgressException e -> new QuorumChangeException(
                    QuorumChangeException.Reason.CHANGE_IN_PROGRESS, logPrefix + "another voter change is in progress", e);
            case ReconfigurationTimeoutException e -> new QuorumChangeException(QuorumChangeException.Reason.TIMED_OUT,
                    logPrefix + "the new voter did not catch up in time: " + e.getMessage(), e);
            default -> RaftReplies.translate(cause, logPrefix);
        };
    }

    private static List<Integer> voterIds(Collection<RaftPeer> peers) {
        return peers.stream().map(p -> Integer.parseInt(p.getId().toString())).sorted().toList();
    }

    private Void checkSucceeded(RaftClientReply reply) {
        MetadataLogException failure = RaftReplies.failureOf(reply, logPrefix);
        if (failure != null) {
            throw failure;
        }
        return null;
    }

    private Collection<RaftPeer> currentPeers(RaftPeerRole role) {
        try {
            return server.getDivision(GROUP_ID).getRaftConf().getCurrentPeers(role);
        } catch (IOException e) {
            throw new MetadataLogException(logPrefix + "no Raft division: " + e.getMessage(), e);
        }
    }

    private DivisionInfo divisionInfo() {
        try {
            return server.getDivision(GROUP_ID).getInfo();
        } catch (IOException e) {
            return null;
        }
    }

    private <T> CompletableFuture<T> onLogThread(Supplier<T> work) {
        if (closed) {
            return CompletableFuture.failedFuture(new MetadataLogException(logPrefix + "closed"));
        }
        try {
            return CompletableFuture.supplyAsync(work, logThread);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new MetadataLogException(logPrefix + "closed"));
        }
    }

    private static RaftPeerId peerId(int nodeId) {
        return RaftPeerId.valueOf(Integer.toString(nodeId));
    }

    private static RaftPeer peer(QuorumVoter voter) {
        return RaftPeer.newBuilder().setId(peerId(voter.id())).setAddress(voter.address()).build();
    }

    private static QuorumVoter voter(RaftPeer peer) {
        String address = peer.getAddress();
        int colon = address.lastIndexOf(':');
        return new QuorumVoter(Integer.parseInt(peer.getId().toString()), address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1)));
    }
}
