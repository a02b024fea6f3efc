package io.streambus.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.storage.AbortedTxn;
import io.streambus.storage.AppendOrigin;
import io.streambus.storage.AppendRequest;
import io.streambus.storage.DurabilityPolicy;
import io.streambus.storage.LogConfig;
import io.streambus.storage.LogId;
import io.streambus.storage.testing.ManualTime;
import io.streambus.storage.testing.TestLogContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.ControlRecordType;
import org.apache.kafka.common.record.EndTransactionMarker;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;

/**
 * Random sequences of transactional data, commit and abort markers of three producers, plain appends, rolls,
 * clean reopens, crashes (reopened with recovery from the start), loss of the transaction index and producer
 * snapshots, and truncations, against a model: the log's entries in offset order. After every step the log's first
 * unstable offset and aborted transactions must be what a scan of the model gives.
 */
class TransactionPropertyTest {

    private static final LogId ID = new LogId("txn-prop", 0);
    private static final LogConfig CONFIG = LogConfig.DEFAULT.withDurability(DurabilityPolicy.NONE)
            .withSegmentBytes(400).withProducerIdExpirationMs(Long.MAX_VALUE);

    enum Kind { DATA, COMMIT, ABORT, PLAIN, ROLL, REOPEN, CRASH, LOSE_STATE, TRUNCATE }

    record Op(Kind kind, int producer, int a) {
    }

    /** One offset of the log: what was written there (producer -1 for plain records). */
    record Entry(Kind kind, long producerId) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.frequency(Tuple.of(8, Kind.DATA), Tuple.of(3, Kind.COMMIT),
                        Tuple.of(3, Kind.ABORT), Tuple.of(2, Kind.PLAIN), Tuple.of(1, Kind.ROLL), Tuple.of(1, Kind.REOPEN),
                        Tuple.of(1, Kind.CRASH), Tuple.of(1, Kind.LOSE_STATE), Tuple.of(1, Kind.TRUNCATE)),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 1000)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(50);
    }

    @Property(tries = 80)
    void transactionStateAgreesWithTheModel(@ForAll("operations") List<Op> ops) throws Exception {
        Path dir = Files.createTempDirectory("streambus-txn-prop");
        ManualTime time = new ManualTime();
        try (TestLogContext threads = new TestLogContext(time)) {
            List<Entry> model = new ArrayList<>();
            SegmentedLog log = SegmentedLog.open(ID, dir, CONFIG, threads.context(), LogState.EMPTY, false);
            try {
                for (Op op : ops) {
                    log = apply(op, log, model, dir, threads, time);
                    check(log, model, op);
                }
            } finally {
                log.close();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static SegmentedLog apply(Op op, SegmentedLog log, List<Entry> model, Path dir, TestLogContext threads,
                                      ManualTime time) throws IOException {
        long now = time.milliseconds();
        switch (op.kind()) {
            case DATA -> {
                append(log, MemoryRecords.withTransactionalRecords(Compression.NONE, op.producer(), (short) 0, 0,
                        new SimpleRecord(now, "k".getBytes(), "v".getBytes())).buffer());
                model.add(new Entry(Kind.DATA, op.producer()));
            }
            case COMMIT, ABORT -> {
                ControlRecordType type = op.kind() == Kind.COMMIT ? ControlRecordType.COMMIT : ControlRecordType.ABORT;
                append(log, MemoryRecords.withEndTransactionMarker(now, op.producer(), (short) 0,
                        new EndTransactionMarker(type, 0)).buffer());
                model.add(new Entry(op.kind(), op.producer()));
            }
            case PLAIN -> {
                append(log, MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(now, "p".getBytes())).buffer());
                model.add(new Entry(Kind.PLAIN, -1));
            }
            case ROLL -> log.roll();
            case REOPEN -> {
                LogState state = new LogState(log.recoveryPoint(), log.logStartOffset(), log.highWatermark());
                log.close();
                log = SegmentedLog.open(ID, dir, CONFIG, threads.context(), state, true);
            }
            case CRASH -> {
                // A process crash: files as they were, recovery from the start.
                LogState state = new LogState(0, log.logStartOffset(), log.highWatermark());
                log.abandon();
                log = SegmentedLog.open(ID, dir, CONFIG, threads.context(), state, false);
            }
            case LOSE_STATE -> {
                // Transaction index and producer snapshots gone: everything is rebuilt from the batches.
                LogState state = new LogState(0, log.logStartOffset(), log.highWatermark());
                log.abandon();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(SegmentFiles.TXN_INDEX)
                            || f.toString().endsWith(".snapshot")).toList()) {
                        Files.delete(file);
                    }
                }
                log = SegmentedLog.open(ID, dir, CONFIG, threads.context(), state, false);
            }
            case TRUNCATE -> {
                if (!model.isEmpty()) {
                    int to = op.a() % model.size();
                    log.truncateTo(to);
                    model.subList(to, model.size()).clear();
                }
            }
        }
        return log;
    }

    private static void append(SegmentedLog log, ByteBuffer records) {
        log.append(new AppendRequest(records, 0, AppendOrigin.COORDINATOR));
    }

    private static void check(SegmentedLog log, List<Entry> model, Op op) {
        Map<Long, Long> open = new HashMap<>();
        List<AbortedTxn> aborted = new ArrayList<>();
        for (int offset = 0; offset < model.size(); offset++) {
            Entry entry = model.get(offset);
            switch (entry.kind()) {
                case DATA -> open.putIfAbsent(entry.producerId(), (long) offset);
                case COMMIT, ABORT -> {
                    Long first = open.remove(entry.producerId());
                    if (first != null && entry.kind() == Kind.ABORT) {
                        long lastStable = open.values().stream().min(Long::compare).orElse(offset + 1L);
                        aborted.add(new AbortedTxn(entry.producerId(), first, offset, lastStable));
                    }
                }
                default -> {
                }
            }
        }
        long firstUnstable = open.values().stream().min(Long::compare).orElse(Long.MAX_VALUE);
        assertThat(log.logEndOffset()).as("after %s", op).isEqualTo(model.size());
        assertThat(log.firstUnstableOffset()).as("first unstable offset after %s", op).isEqualTo(firstUnstable);
        assertThat(log.abortedTransactions(0, Long.MAX_VALUE)).as("aborted transactions after %s", op)
                .isEqualTo(aborted);
        for (long producerId = 1; producerId <= 3; producerId++) {
            assertThat(log.hasOpenTransaction(producerId)).isEqualTo(open.containsKey(producerId));
        }
    }
}
