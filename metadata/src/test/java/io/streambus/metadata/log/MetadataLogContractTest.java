package io.streambus.metadata.log;

import static io.streambus.metadata.testing.Records.broker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streambus.metadata.record.MetadataRecord;
import io.streambus.metadata.record.ProducerIdsRecord;
import io.streambus.metadata.testing.Records;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link MetadataLog} must have. Subclass it for each implementation (the
 * local log now, the Raft log later).
 */
public abstract class MetadataLogContractTest {

    private final List<MetadataLog> opened = new ArrayList<>();

    /** A new, empty log. Called at most once per test, before any {@link #reopen}. */
    protected abstract MetadataLog createLog();

    /** The same log after a restart; the previous instance has been closed. */
    protected abstract MetadataLog reopenLog();

    private MetadataLog create() {
        MetadataLog log = createLog();
        opened.add(log);
        return log;
    }

    private MetadataLog reopen(MetadataLog previous) {
        previous.close();
        MetadataLog log = reopenLog();
        opened.add(log);
        return log;
    }

    @AfterEach
    void closeLogs() {
        opened.forEach(MetadataLog::close);
    }

    private static long commit(MetadataLog log, MetadataRecord... records) {
        return log.append(List.of(records)).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void offsetsStartAtZeroAndCountRecords() {
        MetadataLog log = create();
        assertThat(log.lastCommittedOffset()).isEqualTo(-1);
        assertThat(commit(log, broker(1))).isEqualTo(0);
        assertThat(commit(log, broker(2), broker(3), broker(4))).isEqualTo(3);
        assertThat(log.lastCommittedOffset()).isEqualTo(3);
    }

    @Test
    void listenerReceivesBatchesWholeAndInOrderBeforeTheAppendCompletes() {
        MetadataLog log = create();
        RecordingListener listener = new RecordingListener();
        log.register(listener).join();
        commit(log, broker(1), broker(2));
        // Delivered before the append's future completed: no waiting needed.
        assertThat(listener.batches).containsExactly(new MetadataBatch(0, List.of(broker(1), broker(2))));
        commit(log, broker(3));
        assertThat(listener.batches).extracting(MetadataBatch::baseOffset).containsExactly(0L, 2L);
    }

    @Test
    void lateListenerGetsTheWholeLogReplayedThenNewBatches() {
        MetadataLog log = create();
        commit(log, broker(1));
        commit(log, broker(2), broker(3));
        RecordingListener late = new RecordingListener();
        log.register(late).join();
        assertThat(late.batchRecords()).containsExactly(broker(1), broker(2), broker(3));
        commit(log, broker(4));
        assertThat(late.batchRecords()).containsExactly(broker(1), broker(2), broker(3), broker(4));
    }

    @Test
    void concurrentAppendsGetContiguousOffsetsInDeliveryOrder() {
        MetadataLog log = create();
        RecordingListener listener = new RecordingListener();
        log.register(listener).join();
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 25; i++) {
                    CompletableFuture<Long> f = log.append(List.of(new ProducerIdsRecord(thread, i),
                            new ProducerIdsRecord(thread, i + 1)));
                    synchronized (futures) {
                        futures.add(f);
                    }
                }
            }));
        }
        threads.forEach(t -> {
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(futures).extracting(CompletableFuture::join).doesNotHaveDuplicates().hasSize(100);
        long expectedBase = 0;
        for (MetadataBatch batch : listener.batches) {
            assertThat(batch.baseOffset()).isEqualTo(expectedBase);
            expectedBase = batch.lastOffset() + 1;
        }
        assertThat(expectedBase).isEqualTo(200);
    }

    @Test
    void committedBatchesSurviveARestart() {
        MetadataLog log = create();
        List<MetadataRecord> all = Records.oneOfEach();
        log.append(all).join();
        commit(log, broker(9));
        MetadataLog reopened = reopen(log);
        assertThat(reopened.lastCommittedOffset()).isEqualTo(all.size());
        RecordingListener listener = new RecordingListener();
        reopened.register(listener).join();
        assertThat(listener.batches).containsExactly(new MetadataBatch(0, all), new MetadataBatch(all.size(),
                List.of(broker(9))));
        assertThat(commit(reopened, broker(10))).isEqualTo(all.size() + 1);
    }

    @Test
    void restartReplaysTheSnapshotThenTheTail() {
        MetadataLog log = create();
        commit(log, broker(1));
        commit(log, broker(2));
        log.createSnapshot(new MetadataSnapshot(1, List.of(broker(1), broker(2)))).join();
        commit(log, broker(3));
        MetadataLog reopened = reopen(log);
        RecordingListener listener = new RecordingListener();
        reopened.register(listener).join();
        assertThat(listener.snapshots).containsExactly(new MetadataSnapshot(1, List.of(broker(1), broker(2))));
        assertThat(listener.batches).containsExactly(new MetadataBatch(2, List.of(broker(3))));
    }

    @Test
    void snapshotBeyondTheCommittedOffsetIsRejected() {
        MetadataLog log = create();
        commit(log, broker(1));
        assertThatThrownBy(() -> log.createSnapshot(new MetadataSnapshot(5, List.of())).join())
                .isInstanceOf(CompletionException.class);
    }

    @Test
    void emptyBatchIsRejected() {
        MetadataLog log = create();
        assertThatThrownBy(() -> log.append(List.of()).join()).hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appendAfterCloseFails() {
        MetadataLog log = create();
        log.close();
        assertThatThrownBy(() -> log.append(List.of(broker(1))).join())
                .hasCauseInstanceOf(MetadataLogException.class);
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        MetadataLog log = create();
        log.register(new MetadataLogListener() {
            @Override
            public void onSnapshot(MetadataSnapshot snapshot) {
            }

            @Override
            public void onCommit(MetadataBatch batch) {
                throw new IllegalStateException("boom");
            }
        }).join();
        RecordingListener good = new RecordingListener();
        log.register(good).join();
        commit(log, broker(1));
        commit(log, broker(2));
        await().atMost(5, TimeUnit.SECONDS).until(() -> good.lastOffset() == 1);
    }
}
