package io.streambus.storage.producer;

import io.streambus.storage.AbortedTxn;
import io.streambus.storage.ActiveProducer;
import io.streambus.storage.InvalidBatchException;
import io.streambus.storage.InvalidProducerEpochException;
import io.streambus.storage.OutOfOrderSequenceException;
import io.streambus.storage.batch.BatchHeader;
import io.streambus.storage.batch.BatchList;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The idempotent-producer state of one log: producer id to {@link ProducerStateEntry}. Checks a
 * producer's batches before they are written ({@link #checkAppend}: duplicates, fenced epochs,
 * sequence gaps) and records them after ({@link #onAppended}); recovery replays batch headers through
 * {@link #replay} on top of a snapshot ({@link ProducerSnapshotFormat}).
 *
 * <p>All producer fields come from the batch header (producer id, epoch, base sequence, last offset
 * delta), read through a {@link BatchHeader} flyweight: checks and updates allocate nothing unless a
 * producer is new or a batch is a duplicate.
 *
 * <p><b>Transactions.</b> A producer's first transactional batch opens its transaction at that batch's
 * base offset; a control batch (commit or abort marker) closes it. The open transactions, by first
 * offset, give the first unstable offset ({@link #firstUnstableOffset}): the last stable offset is the
 * smaller of it and the high watermark. An abort marker is reported to the {@link #onAborted} listener
 * (the log's aborted-transaction index).
 *
 * <p>Threading: owned by the log's writer; every method runs under the log's lock.
 */
public final class ProducerStateManager {

    private final Map<Long, ProducerStateEntry> producers = new HashMap<>();
    /** First offset of each open transaction to its producer id. */
    private final TreeMap<Long, Long> openTxns = new TreeMap<>();
    private final BatchHeader header = new BatchHeader();
    private Consumer<AbortedTxn> onAborted = aborted -> { };

    /** Where abort markers are reported, with the transaction's range; set once by the owning log. */
    public void onAborted(Consumer<AbortedTxn> listener) {
        this.onAborted = listener;
    }

    /** First offset of the earliest open transaction, or {@link Long#MAX_VALUE} if none is open. */
    public long firstUnstableOffset() {
        return openTxns.isEmpty() ? Long.MAX_VALUE : openTxns.firstKey();
    }

    /** Whether {@code producerId} has an open transaction in this log. */
    public boolean hasOpenTxn(long producerId) {
        ProducerStateEntry entry = producers.get(producerId);
        return entry != null && entry.currentTxnFirstOffset() >= 0;
    }

    /**
     * Checks the producer batches of a client append, before anything is written.
     *
     * @return the original append of a retried batch (then nothing must be written), or null
     * @throws InvalidProducerEpochException if a batch carries an epoch older than its producer's
     * @throws OutOfOrderSequenceException   if a batch does not continue its producer's sequence
     * @throws InvalidBatchException         if a retried batch comes with other batches
     */
    public DuplicateBatch checkAppend(ByteBuffer records, BatchList batches) {
        for (int i = 0; i < batches.count(); i++) {
            header.wrap(records, batches.start(i));
            long producerId = header.producerId();
            if (producerId < 0) {
                continue;
            }
            short epoch = header.producerEpoch();
            int firstSeq = header.baseSequence();
            int lastSeq = incrementSequence(firstSeq, batches.lastOffsetDelta(i));
            int previous = previousBatchOf(producerId, records, batches, i);
            if (previous >= 0) {
                // A later batch of the same producer in one request continues the earlier one.
                header.wrap(records, batches.start(previous));
                checkSequence(producerId, header.producerEpoch(),
                        incrementSequence(header.baseSequence(), batches.lastOffsetDelta(previous)), epoch, firstSeq);
                continue;
            }
            ProducerStateEntry entry = producers.get(producerId);
            if (entry == null) {
                continue; // KIP-360: an unknown (e.g. expired) producer may continue at any sequence.
            }
            if (epoch == entry.producerEpoch() && !entry.isEmpty()) {
                int slot = entry.findBatch(firstSeq, lastSeq);
                if (slot >= 0) {
                    if (batches.count() > 1) {
                        throw new InvalidBatchException(InvalidBatchException.Reason.INVALID_RECORD,
                                "retried batch of producer " + producerId + " (sequences " + firstSeq + ".." + lastSeq
                                        + ") arrived with " + (batches.count() - 1) + " other batches");
                    }
                    return new DuplicateBatch(entry.firstOffset(slot), entry.lastOffset(slot), entry.maxTimestamp(slot));
                }
            }
            checkSequence(producerId, entry.producerEpoch(), entry.isEmpty() ? -1 : entry.lastSeq(), epoch, firstSeq);
        }
        return null;
    }

    /** Index of the last batch before {@code i} in this request from {@code producerId}, or -1. */
    private static int previousBatchOf(long producerId, ByteBuffer records, BatchList batches, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (records.getLong(batches.start(j) + BatchHeader.PRODUCER_ID) == producerId) {
                return j;
            }
        }
        return -1;
    }

    /**
     * @param knownLastSeq the producer's last sequence in {@code knownEpoch}, or -1 when it has no batch
     *                     in that epoch (any sequence then continues it)
     */
    private static void checkSequence(long producerId, short knownEpoch, int knownLastSeq, short epoch, int firstSeq) {
        if (epoch < knownEpoch) {
            throw new InvalidProducerEpochException("producer " + producerId + " wrote with epoch " + epoch
                    + ", older than its current epoch " + knownEpoch);
        }
        if (epoch > knownEpoch) {
            if (firstSeq != 0) {
                throw new OutOfOrderSequenceException("producer " + producerId + " bumped its epoch to " + epoch
                        + " but its first sequence is " + firstSeq + ", not 0");
            }
            return;
        }
        if (knownLastSeq >= 0 && firstSeq != incrementSequence(knownLastSeq, 1)) {
            throw new OutOfOrderSequenceException("producer " + producerId + " (epoch " + epoch + ") sent sequence "
                    + firstSeq + ", expected " + incrementSequence(knownLastSeq, 1));
        }
    }

    /** Records the producer batches of an append that was written (offsets stamped), whatever its origin. */
    public void onAppended(ByteBuffer records, BatchList batches) {
        for (int i = 0; i < batches.count(); i++) {
            replay(header.wrap(records, batches.start(i)));
        }
    }

    /**
     * Records one batch already in the log (the header's offsets are final). Makes no checks: the log
     * holds what it holds, and a follower must be able to take over from whatever its leader wrote.
     */
    public void replay(BatchHeader batch) {
        long producerId = batch.producerId();
        if (producerId < 0) {
            return;
        }
        short epoch = batch.producerEpoch();
        ProducerStateEntry entry = producers.get(producerId);
        if (entry == null) {
            entry = new ProducerStateEntry(producerId, epoch);
            producers.put(producerId, entry);
        } else if (entry.producerEpoch() != epoch && (!batch.isControl() || epoch > entry.producerEpoch())) {
            // A marker may carry a bumped epoch (a coordinator's fencing abort): it fences the old one too. A
            // marker never moves the epoch back.
            entry.resetEpoch(epoch);
        }
        if (batch.isControl()) {
            completeTxn(entry, batch.baseOffset(), batch.controlType(), batch.maxTimestamp());
            return;
        }
        if (batch.isTransactional() && entry.currentTxnFirstOffset() < 0) {
            entry.currentTxnFirstOffset(batch.baseOffset());
            openTxns.put(batch.baseOffset(), producerId);
        }
        int firstSeq = batch.baseSequence();
        entry.addBatch(firstSeq, incrementSequence(firstSeq, batch.lastOffsetDelta()), batch.baseOffset(),
                batch.lastOffset(), batch.maxTimestamp());
    }

    /** A marker at {@code markerOffset} ends the producer's open transaction, if it has one. */
    private void completeTxn(ProducerStateEntry entry, long markerOffset, short controlType, long timestampMs) {
        entry.lastTimestampMs(Math.max(entry.lastTimestampMs(), timestampMs));
        long first = entry.currentTxnFirstOffset();
        if (first < 0) {
            return; // A marker for a partition that saw no data of this transaction (or a repeated marker).
        }
        openTxns.remove(first);
        entry.currentTxnFirstOffset(-1);
        if (controlType == BatchHeader.CONTROL_ABORT) {
            long lastStable = openTxns.isEmpty() ? markerOffset + 1 : openTxns.firstKey();
            onAborted.accept(new AbortedTxn(entry.producerId(), first, markerOffset, lastStable));
        }
    }

    /**
     * Drops producers whose last batch is at least {@code expirationMs} older than {@code nowMs} and that
     * have no open transaction. Returns how many were dropped.
     */
    public int removeExpired(long nowMs, long expirationMs) {
        int removed = 0;
        for (Iterator<ProducerStateEntry> it = producers.values().iterator(); it.hasNext(); ) {
            ProducerStateEntry entry = it.next();
            if (entry.currentTxnFirstOffset() < 0 && nowMs - entry.lastTimestampMs() >= expirationMs) {
                // An open transaction keeps its producer: the coordinator will end it with a marker.
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    public void clear() {
        producers.clear();
        openTxns.clear();
    }

    /** Replaces the state with entries read from a snapshot (open transactions included). */
    public void load(Collection<ProducerStateEntry> entries) {
        clear();
        for (ProducerStateEntry entry : entries) {
            producers.put(entry.producerId(), entry);
            if (entry.currentTxnFirstOffset() >= 0) {
                openTxns.put(entry.currentTxnFirstOffset(), entry.producerId());
            }
        }
    }

    public ProducerStateEntry entry(long producerId) {
        return producers.get(producerId);
    }

    public Collection<ProducerStateEntry> entries() {
        return producers.values();
    }

    public int producerCount() {
        return producers.size();
    }

    /** Copies of the entries, for callers outside the writer. */
    public List<ActiveProducer> activeProducers() {
        List<ActiveProducer> result = new ArrayList<>(producers.size());
        for (ProducerStateEntry e : producers.values()) {
            result.add(new ActiveProducer(e.producerId(), e.producerEpoch(), e.isEmpty() ? -1 : e.lastSeq(),
                    e.lastTimestampMs(), e.currentTxnFirstOffset()));
        }
        return result;
    }

    /**
     * The last offset of each producer's last batch: the cleaner keeps those batches (emptied if need be) so
     * that the producer state rebuilt from the log after a restart still knows the producer.
     */
    public Map<Long, Long> lastBatchOffsets() {
        Map<Long, Long> result = new HashMap<>(producers.size() * 2);
        for (ProducerStateEntry e : producers.values()) {
            if (!e.isEmpty()) {
                result.put(e.producerId(), e.lastOffset(e.batchCount() - 1));
            }
        }
        return result;
    }

    /** {@code sequence + increment}, wrapping from {@link Integer#MAX_VALUE} to 0 as Kafka's sequences do. */
    public static int incrementSequence(int sequence, int increment) {
        if (sequence > Integer.MAX_VALUE - increment) {
            return increment - (Integer.MAX_VALUE - sequence) - 1;
        }
        return sequence + increment;
    }
}
