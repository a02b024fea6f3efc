package io.streambus.storage.cleaner;

import io.streambus.storage.AbortedTxn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.RecordBatch;

/**
 * The aborted transactions of the range a pass cleans, by producer: whether a batch belongs to one. Its
 * records are dropped by the pass and left out of the offset map, so aborted data never shadows a committed
 * record of the same key.
 *
 * <p>Threading: one per pass, on its cleaner thread.
 */
final class AbortedRanges {

    private final Map<Long, List<AbortedTxn>> byProducer = new HashMap<>();

    AbortedRanges(List<AbortedTxn> aborted) {
        for (AbortedTxn txn : aborted) {
            byProducer.computeIfAbsent(txn.producerId(), id -> new ArrayList<>()).add(txn);
        }
    }

    boolean isAborted(RecordBatch batch) {
        if (!batch.isTransactional() || batch.isControlBatch()) {
            return false;
        }
        List<AbortedTxn> txns = byProducer.get(batch.producerId());
        if (txns == null) {
            return false;
        }
        for (AbortedTxn txn : txns) {
            if (txn.firstOffset() <= batch.baseOffset() && batch.lastOffset() < txn.lastOffset()) {
                return true;
            }
        }
        return false;
    }
}
