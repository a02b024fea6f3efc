package io.streambus.storage.log;

import io.streambus.storage.InvalidBatchException;
import io.streambus.storage.batch.BatchHeader;
import io.streambus.storage.batch.BatchList;
import io.streambus.storage.batch.Crc32cs;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Offsets of validated batches before they are written: a leader stamps base offsets, its leader epoch and,
 * for LogAppendTime, the timestamps (recomputing the CRC); a follower's batches keep their offsets, which
 * are checked to continue the log.
 *
 * <p>Threading: holds scratch state; used by the log's writer under its lock.
 */
final class BatchStamper {

    private final BatchHeader header = new BatchHeader();
    private final CRC32C crc = new CRC32C();

    /** Stamps the batches to follow {@code logEndOffset}; returns the first offset. */
    long assignOffsets(ByteBuffer records, BatchList batches, long logEndOffset, int leaderEpoch, long appendTimeMs) {
        long next = logEndOffset;
        for (int i = 0; i < batches.count(); i++) {
            header.wrap(records, batches.start(i));
            header.baseOffset(next);
            header.partitionLeaderEpoch(leaderEpoch);
            if (appendTimeMs >= 0) {
                header.attributes((short) (header.attributes() | BatchHeader.TIMESTAMP_TYPE_MASK));
                header.maxTimestamp(appendTimeMs);
                header.crc(Crc32cs.batchCrc(crc, records, batches.start(i), batches.sizeInBytes(i)));
                batches.maxTimestamp(i, appendTimeMs);
                batches.maxTimestampOffsetDelta(i, 0);
            }
            next += batches.lastOffsetDelta(i) + 1;
        }
        return logEndOffset;
    }

    /** A follower's batches must lie at or past the log end and increase; returns the first offset. */
    long checkReplicatedOffsets(ByteBuffer records, BatchList batches, long logEndOffset) {
        long previousLast = logEndOffset - 1;
        long first = -1;
        for (int i = 0; i < batches.count(); i++) {
            header.wrap(records, batches.start(i));
            long base = header.baseOffset();
            if (base <= previousLast) {
                throw new InvalidBatchException(InvalidBatchException.Reason.INVALID_RECORD, "replicated batch at offset "
                        + base + " does not follow offset " + previousLast);
            }
            if (first < 0) {
                first = base;
            }
            previousLast = header.lastOffset();
        }
        return first;
    }
}
