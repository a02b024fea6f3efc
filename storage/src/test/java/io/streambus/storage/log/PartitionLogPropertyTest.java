package io.streambus.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.storage.AppendRequest;
import io.streambus.storage.AppendResult;
import io.streambus.storage.DurabilityPolicy;
import io.streambus.storage.LogConfig;
import io.streambus.storage.LogId;
import io.streambus.storage.OutOfOrderSequenceException;
import io.streambus.storage.ReadRequest;
import io.streambus.storage.ReadResult;
import io.streambus.storage.TimestampOffset;
import io.streambus.storage.producer.ProducerStateEntry;
import io.streambus.storage.testing.ManualTime;
import io.streambus.storage.testing.TestBatches;
import io.streambus.storage.testing.TestLogContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.kafka.common.record.MutableRecordBatch;

/**
 * Random sequences of append / idempotent append / producer retry / roll / truncate / read / clean reopen /
 * simulated crash against a model: the list of batches the log should hold. Checked after every step. A
 * retry of one of the producer's last five batches in the model must be answered with its offsets and
 * write nothing, whatever reopens, crashes and truncations came between.
 */
class PartitionLogPropertyTest {

    private static final LogId ID = new LogId("prop", 0);
    private static final LogConfig CONFIG = LogConfig.DEFAULT.withDurability(DurabilityPolicy.NONE)
            .withSegmentBytes(700).withIndexIntervalBytes(150).withSegmentIndexBytes(64)
            // The model's timestamps are far in the past of the clock: expiry is tested on its own.
            .withProducerIdExpirationMs(Long.MAX_VALUE);
    private static final long PRODUCER_ID = 77;

    enum Kind { APPEND, IDEMPOTENT, RETRY, ROLL, TRUNCATE, READ, REOPEN, CRASH }

    record Op(Kind kind, int a, int b) {
    }

    /**
     * A batch the log should hold: offsets, its checksum (covers attributes to end) and record timestamps;
     * for the idempotent producer's batches, the first sequence (else -1) and what rebuilds the same bytes.
     */
    record ModelBatch(long baseOffset, int count, long checksum, long firstTimestamp, int sizeBytes, int firstSeq,
                      int valueBytes) {
        long lastOffset() {
            return baseOffset + count - 1;
        }

        ByteBuffer producerBatch() {
            return TestBatches.idempotentBatch(PRODUCER_ID, (short) 0, firstSeq, count, valueBytes, firstTimestamp);
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.frequency(Tuple.of(5, Kind.APPEND), Tuple.of(4, Kind.IDEMPOTENT),
                                Tuple.of(3, Kind.RETRY), Tuple.of(1, Kind.ROLL),
                        Tuple.of(2, Kind.TRUNCATE), Tuple.of(3, Kind.READ), Tuple.of(1, Kind.REOPEN), Tuple.of(2, Kind.CRASH)), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 60)
    void logAgreesWithTheModel(@ForAll("operations") List<Op> ops) throws Exception {
        Path dir = Files.createTempDirectory("streambus-prop");
        ManualTime time = new ManualTime();
        try (TestLogContext threads = new TestLogContext(time)) {
            List<ModelBatch> model = new ArrayList<>();
            SegmentedLog log = SegmentedLog.open(ID, dir, CONFIG, threads.context(), LogState.EMPTY, false);
            try {
                for (Op op : ops) {
                    log = apply(op, log, model, dir, threads);
                    check(log, model);
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

    private SegmentedLog apply(Op op, SegmentedLog log, List<ModelBatch> model, Path dir, TestLogContext threads)
            throws IOException {
        switch (op.kind()) {
            case APPEND -> {
                int count = 1 + op.a() % 5;
                long timestamp = 1000 + op.b();
                ByteBuffer batch = TestBatches.batch(count, op.b() % 60, timestamp);
                long checksum = Integer.toUnsignedLong(batch.getInt(17));
                int size = batch.remaining();
                AppendResult result = log.append(AppendRequest.fromClient(batch, 1));
                model.add(new ModelBatch(result.firstOffset(), count, checksum, timestamp, size, -1, 0));
            }
            case IDEMPOTENT -> {
                int count = 1 + op.a() % 5;
                List<ModelBatch> produced = producerBatches(model);
                int seq = produced.isEmpty() ? 0 : produced.getLast().firstSeq() + produced.getLast().count();
                ModelBatch expected = new ModelBatch(-1, count, 0, 1000 + op.b(), 0, seq, op.b() % 60);
                ByteBuffer batch = expected.producerBatch();
                long checksum = Integer.toUnsignedLong(batch.getInt(17));
                int size = batch.remaining();
                AppendResult result = log.append(AppendRequest.fromClient(batch, 1));
                assertThat(result.duplicate()).isFalse();
                model.add(new ModelBatch(result.firstOffset(), count, checksum, expected.firstTimestamp(), size, seq,
                        expected.valueBytes()));
            }
            case RETRY -> retry(log, model, op);
            case ROLL -> log.roll();
            case TRUNCATE -> {
                long offset = log.logEndOffset() == 0 ? 0 : op.a() % (log.logEndOffset() + 1);
                log.truncateTo(offset);
                model.removeIf(b -> b.lastOffset() >= offset);
            }
            case READ -> checkRead(log, model, op);
            case REOPEN -> {
                LogState state = new LogState(log.recoveryPoint(), log.logStartOffset(), log.highWatermark());
                log.close();
                log = SegmentedLog.open(ID, dir, CONFIG, threads.context(), state, true);
            }
            case CRASH -> log = crash(log, model, dir, threads, op);
        }
        return log;
    }

    private static List<ModelBatch> producerBatches(List<ModelBatch> model) {
        return model.stream().filter(b -> b.firstSeq() >= 0).toList();
    }

    /** Resends one of the producer's last six batches: the last five are duplicates, the sixth is out of order. */
    private void retry(SegmentedLog log, List<ModelBatch> model, Op op) {
        List<ModelBatch> produced = producerBatches(model);
        if (produced.isEmpty()) {
            return;
        }
        int back = op.a() % Math.min(ProducerStateEntry.BATCHES_TO_RETAIN + 1, produced.size());
        ModelBatch original = produced.get(produced.size() - 1 - back);
        long end = log.logEndOffset();
        if (back < ProducerStateEntry.BATCHES_TO_RETAIN) {
            AppendResult result = log.append(AppendRequest.fromClient(original.producerBatch(), 1));
            assertThat(result.duplicate()).as("retry of %s", original).isTrue();
            assertThat(result.firstOffset()).isEqualTo(original.baseOffset());
            assertThat(result.lastOffset()).isEqualTo(original.lastOffset());
        } else {
            assertThatThrownBy(() -> log.append(AppendRequest.fromClient(original.producerBatch(), 1)))
                    .isInstanceOf(OutOfOrderSequenceException.class);
        }
        assertThat(log.logEndOffset()).isEqualTo(end);
    }

    /** Abandons the log, cuts its active file at a random byte, maybe drops index files, and recovers. */
    private SegmentedLog crash(SegmentedLog log, List<ModelBatch> model, Path dir, TestLogContext threads, Op op)
            throws IOException {
        LogState state = new LogState(log.recoveryPoint(), log.logStartOffset(), log.highWatermark());
        List<Long> bases = log.segmentBaseOffsets();
        long activeBase = bases.get(bases.size() - 1);
        log.abandon();
        Path active = SegmentFiles.log(dir, activeBase);
        long size = Files.size(active);
        long cut = size == 0 ? 0 : op.a() % (size + 1);
        try (FileChannel channel = FileChannel.open(active, StandardOpenOption.WRITE)) {
            channel.truncate(cut);
        }
        if (op.b() % 2 == 0) {
            for (long base : bases) {
                if ((base + op.b()) % 3 == 0) {
                    Files.deleteIfExists(SegmentFiles.offsetIndex(dir, base));
                    Files.deleteIfExists(SegmentFiles.timeIndex(dir, base));
                }
            }
        }
        long end = 0;
        List<ModelBatch> survivors = new ArrayList<>();
        for (ModelBatch batch : model) {
            if (batch.baseOffset() < activeBase) {
                survivors.add(batch);
            } else {
                end += batch.sizeBytes();
                if (end <= cut) {
                    survivors.add(batch);
                }
            }
        }
        model.clear();
        model.addAll(survivors);
        return SegmentedLog.open(ID, dir, CONFIG, threads.context(), state, false);
    }

    private void checkRead(SegmentedLog log, List<ModelBatch> model, Op op) {
        long offset = op.a() % (log.logEndOffset() + 1);
        int maxBytes = op.b() * 2;
        ReadResult.Records result = (ReadResult.Records) log.read(new ReadRequest(offset, maxBytes, Long.MAX_VALUE, true));
        List<MutableRecordBatch> batches = TestBatches.parse(LogTestSupport.bytes(result));
        if (offset == log.logEndOffset()) {
            assertThat(batches).isEmpty();
            return;
        }
        List<ModelBatch> expected = model.stream().filter(b -> b.lastOffset() >= offset).toList();
        assertThat(batches).isNotEmpty().hasSizeLessThanOrEqualTo(expected.size());
        assertThat(result.slice().sizeInBytes() <= maxBytes || batches.size() == 1).isTrue();
        for (int i = 0; i < batches.size(); i++) {
            assertSame(batches.get(i), expected.get(i));
        }
    }

    private void check(SegmentedLog log, List<ModelBatch> model) {
        long expectedEnd = model.isEmpty() ? log.logEndOffset() : model.get(model.size() - 1).lastOffset() + 1;
        if (model.isEmpty()) {
            assertThat(log.sizeInBytes()).isZero();
        } else {
            assertThat(log.logEndOffset()).isEqualTo(expectedEnd);
        }
        List<MutableRecordBatch> all = new ArrayList<>();
        long next = log.logStartOffset();
        while (next < log.logEndOffset()) {
            ReadResult.Records result = (ReadResult.Records) log.read(
                    new ReadRequest(next, Integer.MAX_VALUE, Long.MAX_VALUE, true));
            List<MutableRecordBatch> batches = TestBatches.parse(LogTestSupport.bytes(result));
            assertThat(batches).as("read at %d of %s", next, log).isNotEmpty();
            all.addAll(batches);
            next = batches.get(batches.size() - 1).lastOffset() + 1;
        }
        assertThat(all).hasSameSizeAs(model);
        for (int i = 0; i < all.size(); i++) {
            assertSame(all.get(i), model.get(i));
        }
        assertThat(log.maxTimestamp()).isEqualTo(modelMaxTimestamp(model));
        long probe = 1000 + (model.size() * 37L) % 1010;
        assertThat(log.offsetForTimestamp(probe)).isEqualTo(modelOffsetForTimestamp(model, probe));
    }

    private static void assertSame(MutableRecordBatch actual, ModelBatch expected) {
        assertThat(actual.baseOffset()).isEqualTo(expected.baseOffset());
        assertThat(actual.lastOffset()).isEqualTo(expected.lastOffset());
        assertThat(actual.checksum()).isEqualTo(expected.checksum());
    }

    private static Optional<TimestampOffset> modelMaxTimestamp(List<ModelBatch> model) {
        TimestampOffset best = null;
        for (ModelBatch batch : model) {
            long max = batch.firstTimestamp() + batch.count() - 1;
            if (best == null || max > best.timestampMs()) {
                best = new TimestampOffset(max, batch.lastOffset());
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<TimestampOffset> modelOffsetForTimestamp(List<ModelBatch> model, long timestampMs) {
        for (ModelBatch batch : model) {
            for (int i = 0; i < batch.count(); i++) {
                if (batch.firstTimestamp() + i >= timestampMs) {
                    return Optional.of(new TimestampOffset(batch.firstTimestamp() + i, batch.baseOffset() + i));
                }
            }
        }
        return Optional.empty();
    }
}
