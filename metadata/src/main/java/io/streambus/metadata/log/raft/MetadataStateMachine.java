package io.streambus.metadata.log.raft;

import io.streambus.metadata.log.MetadataLogException;
import io.streambus.metadata.log.MetadataSnapshot;
import io.streambus.metadata.log.SnapshotFile;
import io.streambus.metadata.record.MetadataRecord;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine of the metadata quorum: each Raft log entry is one metadata batch
 * ({@link MetadataEntryCodec}); applying it hands the batch to {@link AppliedLog}, which numbers
 * it and delivers it to the listeners. Snapshots are StreamBus {@link SnapshotFile}s stored under
 * Ratis' names ({@code sm/snapshot.<term>_<index>} plus an MD5 file) in
 * {@link SimpleStateMachineStorage}, so Ratis can ship them to a lagging follower and purge its
 * log behind them.
 *
 * <p>Threading: Ratis calls {@link #initialize}, {@link #applyTransaction}, {@link #takeSnapshot},
 * {@link #pause} and {@link #reinitialize} on the division's {@code StateMachineUpdater} thread,
 * one at a time and in log order, and the notifications on its server threads. Every touch of
 * {@link AppliedLog} is handed to the single log thread, so listeners see one thread and one
 * order. The updater waits for the log thread only in {@link #takeSnapshot},
 * {@link #initialize} and {@link #reinitialize}; the log thread never waits for Ratis.
 */
final class MetadataStateMachine extends BaseStateMachine {

    private static final Logger log = LoggerFactory.getLogger(MetadataStateMachine.class);

    private final String logPrefix;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final AppliedLog applied;
    private final ExecutorService logThread;
    private final Supplier<LeaderAndEpoch> leadership;

    MetadataStateMachine(String logPrefix, AppliedLog applied, ExecutorService logThread,
                         Supplier<LeaderAndEpoch> leadership) {
        this.logPrefix = logPrefix;
        this.applied = applied;
        this.logThread = logThread;
        this.leadership = leadership;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        getLifeCycle().startAndTransition(() -> {
            super.initialize(server, groupId, raftStorage);
            storage.init(raftStorage);
            load(storage.getLatestSnapshot());
        });
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    /** Refuses an undecodable batch on the leader, before it reaches the log. */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        try {
            MetadataEntryCodec.decode(request.getMessage().getContent().asReadOnlyByteBuffer());
        } catch (MetadataLogException e) {
            throw new IOException(e.getMessage(), e);
        }
        return super.startTransaction(request);
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        TermIndex termIndex = TermIndex.valueOf(entry);
        List<MetadataRecord> records;
        try {
            records = MetadataEntryCodec.decode(entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
        } catch (MetadataLogException e) {
            // Only a bug or a newer node's format gets here: startTransaction checked the bytes.
            log.error("{}Cannot decode the committed entry {}; listeners will not see it", logPrefix, termIndex, e);
            updateLastAppliedTermIndex(termIndex);
            return CompletableFuture.failedFuture(e);
        }
        // On this thread, in log order: Ratis also advances it for entries that are not ours.
        updateLastAppliedTermIndex(termIndex);
        return CompletableFuture.supplyAsync(() -> applied.apply(termIndex, records), logThread)
                .thenApply(batch -> Message.valueOf(ByteString.copyFrom(
                        MetadataEntryCodec.encodeOffset(batch.lastOffset()))));
    }

    /**
     * Writes the snapshot last handed to {@code createSnapshot}, if it is newer than the one on
     * disk, and returns the Raft index it covers; Ratis purges its log up to there.
     */
    @Override
    public long takeSnapshot() throws IOException {
        Optional<AppliedLog.PendingSnapshot> pending = onLogThread(applied::pendingSnapshot);
        if (pending.isEmpty()) {
            SingleFileSnapshotInfo latest = storage.getLatestSnapshot();
            return latest == null ? RaftLog.INVALID_LOG_INDEX : latest.getIndex();
        }
        MetadataSnapshot snapshot = pending.get().snapshot();
        TermIndex termIndex = pending.get().termIndex();
        File file = storage.getSnapshotFile(termIndex.getTerm(), termIndex.getIndex());
        SnapshotFile.writeAtomically(file.toPath(), snapshot);
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), termIndex));
        onLogThread(() -> {
            applied.snapshotWritten(snapshot);
            return null;
        });
        log.info("{}Wrote snapshot at offset {} (Raft {}, {} records)", logPrefix, snapshot.lastOffset(),
                termIndex, snapshot.records().size());
        return termIndex.getIndex();
    }

    @Override
    public void pause() {
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    /** After the leader installed a snapshot on this node: replace the state with it. */
    @Override
    public void reinitialize() throws IOException {
        SingleFileSnapshotInfo latest = storage.loadLatestSnapshot();
        log.info("{}Reloading from the installed snapshot {}", logPrefix, latest);
        load(latest);
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
        notifyOnLogThread(() -> applied.leaderChanged(leadership.get()));
    }

    @Override
    public void notifyLeaderReady() {
        notifyOnLogThread(() -> applied.becameActiveLeader(leadership.get().epoch()));
    }

    private void notifyOnLogThread(Runnable notification) {
        try {
            logThread.execute(notification);
        } catch (RejectedExecutionException e) {
            // Closing: Ratis reports its own shutdown after the log thread stopped; nobody listens.
            log.debug("{}Leadership notification after close dropped", logPrefix);
        }
    }

    private void load(SingleFileSnapshotInfo info) throws IOException {
        if (info == null) {
            return;
        }
        File file = info.getFile().getPath().toFile();
        MD5Hash md5 = info.getFile().getFileDigest();
        if (md5 != null) {
            MD5FileUtil.verifySavedMD5(file, md5);
        }
        MetadataSnapshot snapshot = SnapshotFile.read(file.toPath());
        onLogThread(() -> {
            applied.loadSnapshot(snapshot);
            return null;
        });
        updateLastAppliedTermIndex(info.getTermIndex());
        log.info("{}Loaded snapshot at offset {} (Raft {})", logPrefix, snapshot.lastOffset(), info.getTermIndex());
    }

    private <T> T onLogThread(Supplier<T> work) throws IOException {
        try {
            return CompletableFuture.supplyAsync(work, logThread).join();
        } catch (CompletionException e) {
            throw new IOException(logPrefix + "log thread failed: " + e.getCause(), e.getCause());
        }
    }
}
