package io.streambus.storage.log;

import io.streambus.storage.LogCleaningStats;
import java.util.Collection;

/**
 * What the cleaner knows about one log: its checkpoint (the first dirty offset) and the outcome of its
 * last pass. Persisted in the data directory's {@code cleaner-offset-checkpoint} by the LogManager.
 *
 * <p>Threading: written by the one cleaner thread cleaning the log (and at open), read by anyone: every
 * field is volatile and independent.
 */
public final class CleanerProgress {

    private volatile long firstDirtyOffset;
    private volatile long lastCleaningTimeMs = -1;
    private volatile long lastBytesReclaimed;
    private volatile long totalBytesReclaimed;
    /** Earliest delete horizon of a tombstone the cleaner kept, or Long.MAX_VALUE: when a re-clean pays. */
    private volatile long earliestDeleteHorizonMs = Long.MAX_VALUE;

    public long firstDirtyOffset() {
        return firstDirtyOffset;
    }

    public void firstDirtyOffset(long offset) {
        firstDirtyOffset = offset;
    }

    public long lastCleaningTimeMs() {
        return lastCleaningTimeMs;
    }

    public long lastBytesReclaimed() {
        return lastBytesReclaimed;
    }

    public long totalBytesReclaimed() {
        return totalBytesReclaimed;
    }

    public long earliestDeleteHorizonMs() {
        return earliestDeleteHorizonMs;
    }

    /** Records a finished pass. */
    public void onCleaned(long firstDirty, long nowMs, long bytesReclaimed, long deleteHorizonMs) {
        firstDirtyOffset = firstDirty;
        lastCleaningTimeMs = nowMs;
        lastBytesReclaimed = bytesReclaimed;
        totalBytesReclaimed += bytesReclaimed;
        earliestDeleteHorizonMs = deleteHorizonMs;
    }

    /** The stats of a log with these segments; dirty ratio over sealed segments, by the checkpoint. */
    LogCleaningStats stats(Collection<LogSegment> segments, LogSegment active) {
        long firstDirty = firstDirtyOffset;
        long total = 0;
        long sealedBytes = 0;
        long dirtyBytes = 0;
        for (LogSegment segment : segments) {
            total += segment.sizeInBytes();
            if (segment != active) {
                sealedBytes += segment.sizeInBytes();
                if (segment.baseOffset() >= firstDirty) {
                    dirtyBytes += segment.sizeInBytes();
                }
            }
        }
        double ratio = sealedBytes == 0 ? 0 : (double) dirtyBytes / sealedBytes;
        return new LogCleaningStats(total, firstDirty, ratio, lastCleaningTimeMs, lastBytesReclaimed,
                totalBytesReclaimed);
    }
}
