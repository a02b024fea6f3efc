package io.streambus.metadata.log.raft;

import static io.streambus.metadata.testing.Records.broker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streambus.metadata.log.MetadataBatch;
import io.streambus.metadata.log.MetadataSnapshot;
import io.streambus.metadata.log.NotControllerException;
import io.streambus.metadata.log.RecordingListener;
import io.streambus.metadata.record.MetadataRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.server.raftlog.RaftLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three in-process voters on 127.0.0.1: replication, follower refusal, failover, catch-up. */
class RatisMetadataLogQuorumTest {

    @TempDir
    Path dir;
    private RaftQuorum quorum;

    @AfterEach
    void closeQuorum() {
        if (quorum != null) {
            quorum.close();
        }
    }

    private static long commit(RatisMetadataLog log, MetadataRecord... records) {
        return log.append(List.of(records)).orTimeout(10, TimeUnit.SECONDS).join();
    }

    private Map<Integer, RecordingListener> listenOnEveryNode() {
        Map<Integer, RecordingListener> listeners = new HashMap<>();
        for (RatisMetadataLog node : quorum.running()) {
            RecordingListener listener = new RecordingListener();
            node.register(listener).join();
            listeners.put(node.nodeId(), listener);
        }
        return listeners;
    }

    @Test
    void everyNodeDeliversTheSameBatchesWithTheSameOffsets() {
        quorum = new RaftQuorum(dir, 3).startAll();
        Map<Integer, RecordingListener> listeners = listenOnEveryNode();
        RatisMetadataLog leader = quorum.awaitLeader();
        assertThat(commit(leader, broker(1))).isEqualTo(0);
        assertThat(commit(leader, broker(2), broker(3))).isEqualTo(2);
        assertThat(commit(leader, broker(4))).isEqualTo(3);
        List<MetadataBatch> expected = List.of(new MetadataBatch(0, List.of(broker(1))),
                new MetadataBatch(1, List.of(broker(2), broker(3))), new MetadataBatch(3, List.of(broker(4))));
        // The leader delivered before its append completed; followers apply on their own time.
        assertThat(listeners.get(leader.nodeId()).batches).isEqualTo(expected);
        await().atMost(RaftQuorum.TIMEOUT).untilAsserted(() -> listeners.values()
                .forEach(l -> assertThat(l.batches).isEqualTo(expected)));
        quorum.running().forEach(n -> assertThat(n.lastCommittedOffset()).isEqualTo(3));
        assertThat(leader.voters()).isEqualTo(quorum.voters());
    }

    @Test
    void appendOnAFollowerFailsWithNotControllerNamingTheLeader() {
        quorum = new RaftQuorum(dir, 3).startAll();
        RatisMetadataLog leader = quorum.awaitLeader();
        RatisMetadataLog follower = quorum.followers(leader).getFirst();
        await().atMost(RaftQuorum.TIMEOUT).until(() -> follower.leaderAndEpoch().isLeader(leader.nodeId()));
        assertThatThrownBy(() -> follower.append(List.of(broker(1))).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(NotControllerException.class,
                        e -> assertThat(e.leaderHint()).hasValue(leader.nodeId()));
        assertThat(follower.isActiveLeader()).isFalse();
        // Nothing was half-applied anywhere: the next committed batch still starts at offset 0.
        assertThat(commit(leader, broker(2))).isEqualTo(0);
    }

    @Test
    void whenTheLeaderStopsANewOneIsElectedAndNothingCommittedIsLost() {
        quorum = new RaftQuorum(dir, 3).startAll();
        Map<Integer, RecordingListener> listeners = listenOnEveryNode();
        RatisMetadataLog first = quorum.awaitLeader();
        List<LeaderAndEpoch> seen = new CopyOnWriteArrayList<>();
        RatisMetadataLog survivor = quorum.followers(first).getFirst();
        survivor.addLeadershipListener(seen::add).join();
        commit(first, broker(1));
        commit(first, broker(2), broker(3));
        long firstEpoch = first.leaderAndEpoch().epoch();

        quorum.stop(first.nodeId());
        RatisMetadataLog second = quorum.awaitLeader();
        assertThat(second.nodeId()).isNotEqualTo(first.nodeId());
        assertThat(second.leaderAndEpoch().epoch()).isGreaterThan(firstEpoch);
        assertThat(commit(second, broker(4))).isEqualTo(3);

        List<MetadataRecord> expected = List.of(broker(1), broker(2), broker(3), broker(4));
        await().atMost(RaftQuorum.TIMEOUT).untilAsserted(() -> quorum.running().forEach(
                n -> assertThat(listeners.get(n.nodeId()).batchRecords()).isEqualTo(expected)));
        await().atMost(RaftQuorum.TIMEOUT).until(() -> seen.stream().anyMatch(l -> l.isLeader(second.nodeId())
                && l.epoch() > firstEpoch));
    }

    @Test
    void anAppendInFlightWhenTheLeaderLosesItsQuorumFailsWithNotController() {
        quorum = new RaftQuorum(dir, 3).startAll();
        RatisMetadataLog leader = quorum.awaitLeader();
        commit(leader, broker(1));
        quorum.followers(leader).forEach(f -> quorum.stop(f.nodeId()));
        // No majority can commit it; the leader steps down and fails the request instead of hanging.
        assertThatThrownBy(() -> leader.append(List.of(broker(2))).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(NotControllerException.class);
        assertThat(leader.lastCommittedOffset()).isEqualTo(0);
    }

    @Test
    void aNodeThatWasDownCatchesUpFromASnapshotOnceTheLogIsPurged() {
        // Tiny segments, so the snapshot lets Ratis purge closed segments the stopped node still needs.
        quorum = new RaftQuorum(dir, 3, c -> c.withLogSegmentMaxBytes(1024)).startAll();
        RatisMetadataLog leader = quorum.awaitLeader();
        RatisMetadataLog lagging = quorum.followers(leader).getFirst();
        int laggingId = lagging.nodeId();
        commit(leader, broker(1));
        await().atMost(RaftQuorum.TIMEOUT).until(() -> lagging.lastCommittedOffset() == 0);
        quorum.stop(laggingId);

        List<MetadataRecord> image = new ArrayList<>(List.of(broker(1)));
        for (int i = 2; i <= 60; i++) {
            commit(leader, broker(i));
            image.add(broker(i));
        }
        long snapshotOffset = leader.lastCommittedOffset();
        leader.createSnapshot(new MetadataSnapshot(snapshotOffset, image)).orTimeout(10, TimeUnit.SECONDS).join();
        commit(leader, broker(100));
        assertThat(raftLogStartIndex(leader)).as("the leader's log is purged behind the snapshot")
                .isGreaterThan(2);

        RatisMetadataLog restarted = quorum.start(laggingId);
        RecordingListener listener = new RecordingListener();
        restarted.register(listener).join();
        await().atMost(RaftQuorum.TIMEOUT).until(() -> listener.lastOffset() == snapshotOffset + 1);
        assertThat(listener.snapshots).extracting(MetadataSnapshot::lastOffset).contains(snapshotOffset);
        assertThat(listener.snapshots.getLast().records()).isEqualTo(image);
        assertThat(listener.batches.getLast()).isEqualTo(new MetadataBatch(snapshotOffset + 1, List.of(broker(100))));
        assertThat(commit(leader, broker(101))).isEqualTo(snapshotOffset + 2);
        await().atMost(RaftQuorum.TIMEOUT).until(() -> restarted.lastCommittedOffset() == snapshotOffset + 2);
    }

    @Test
    void theLeaderReportsEachFollowersProgressAndAStoppedOneFallsBehind() {
        quorum = new RaftQuorum(dir, 3).startAll();
        RatisMetadataLog leader = quorum.awaitLeader();
        commit(leader, broker(1), broker(2));
        List<Integer> followerIds = quorum.followers(leader).stream().map(RatisMetadataLog::nodeId).toList();
        await().atMost(RaftQuorum.TIMEOUT).untilAsserted(() -> assertThat(progress(leader))
                .extracting(ReplicaProgress::nodeId, ReplicaProgress::logEndOffset)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(followerIds.get(0), 2L),
                        org.assertj.core.groups.Tuple.tuple(followerIds.get(1), 2L)));
        assertThat(progress(leader)).allSatisfy(p -> {
            assertThat(p.lastFetchTimestampMs()).isPositive();
            assertThat(p.lastCaughtUpTimestampMs()).isPositive();
        });
        assertThat(quorum.followers(leader).getFirst().followerProgress(System.currentTimeMillis()).join())
                .as("only the leader knows").isEmpty();

        int stopped = followerIds.getFirst();
        quorum.stop(stopped);
        commit(leader, broker(3));
        await().atMost(RaftQuorum.TIMEOUT).untilAsserted(() -> {
            Map<Integer, ReplicaProgress> byId = new HashMap<>();
            progress(leader).forEach(p -> byId.put(p.nodeId(), p));
            assertThat(byId.get(followerIds.get(1)).logEndOffset()).isEqualTo(3);
            assertThat(byId.get(stopped).logEndOffset()).isEqualTo(2);
        });
    }

    private static List<ReplicaProgress> progress(RatisMetadataLog leader) {
        return leader.followerProgress(System.currentTimeMillis()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static long raftLogStartIndex(RatisMetadataLog log) {
        RaftLog raftLog = log.raftLogForTests();
        return raftLog.getStartIndex();
    }
}
