package io.streambus.storage.cleaner;

import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;

/**
 * Which records a cleaning pass keeps, for kafka-clients' {@link MemoryRecords#filterTo}, which rewrites
 * batches that lose records (decompressing and recompressing with the same codec, keeping base offset and
 * producer fields) and copies whole batches that lose none.
 *
 * <ul>
 *   <li>A keyed record is kept iff no later offset for its key is in the {@link OffsetMap} (built over the
 *       dirty section; a key absent from it only occurs in the clean section and stays).</li>
 *   <li>A tombstone (null value) is kept until its batch's delete horizon: filterTo stamps
 *       {@code now + delete.retention.ms} into a batch the first time a pass keeps a tombstone of it
 *       (KIP-534), so the clock starts when the cleaner first sees the delete, as in Kafka.</li>
 *   <li>A record without a key cannot be compacted: dropped (appends of such records are rejected).</li>
 *   <li>The last batch of each live producer stays, emptied if need be, so producer state rebuilt from the
 *       log after a restart still has the producer's epoch and sequence.</li>
 *   <li>Records of aborted transactions ({@link AbortedRanges}) are dropped; they were left out of the
 *       offset map too. Control batches (transaction markers) are kept: the aborted-transaction index and
 *       the producer state refer to them. (Kafka drops a marker once its transaction has no data left and
 *       its delete horizon passed; not done yet: markers are small.)</li>
 * </ul>
 *
 * <p>Threading: one per pass, on its cleaner thread.
 */
final class CleanerFilter extends MemoryRecords.RecordFilter {

    private final OffsetMap map;
    private final Map<Long, Long> producerLastOffsets;
    private final AbortedRanges aborted;
    private long earliestDeleteHorizonMs = Long.MAX_VALUE;

    CleanerFilter(OffsetMap map, Map<Long, Long> producerLastOffsets, AbortedRanges aborted, long nowMs,
                  long deleteRetentionMs) {
        super(nowMs, deleteRetentionMs);
        this.map = map;
        this.producerLastOffsets = producerLastOffsets;
        this.aborted = aborted;
    }

    @Override
    protected BatchRetentionResult checkBatchRetention(RecordBatch batch) {
        boolean lastOfProducer = batch.hasProducerId()
                && producerLastOffsets.getOrDefault(batch.producerId(), -1L) == batch.lastOffset();
        return new BatchRetentionResult(lastOfProducer ? BatchRetention.RETAIN_EMPTY : BatchRetention.DELETE_EMPTY,
                false);
    }

    @Override
    protected boolean shouldRetainRecord(RecordBatch batch, Record record) {
        if (batch.isControlBatch()) {
            return true;
        }
        if (!record.hasKey() || aborted.isAborted(batch)) {
            return false;
        }
        long latest = map.get(record.key());
        if (latest > record.offset()) {
            return false;
        }
        if (!record.hasValue()) {
            OptionalLong horizon = batch.deleteHorizonMs();
            long horizonMs = horizon.isPresent() ? horizon.getAsLong() : currentTime + deleteRetentionMs;
            if (currentTime >= horizonMs) {
                return false;
            }
            earliestDeleteHorizonMs = Math.min(earliestDeleteHorizonMs, horizonMs);
        }
        return true;
    }

    /** Earliest delete horizon of the tombstones kept, or Long.MAX_VALUE: when another pass can drop one. */
    long earliestDeleteHorizonMs() {
        return earliestDeleteHorizonMs;
    }
}
