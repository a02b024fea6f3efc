package io.streambus.storage.cleaner;

import io.streambus.storage.CleanupConfig;
import io.streambus.storage.log.LogSegment;
import io.streambus.storage.log.SegmentedLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a log a cleaning pass may touch, as Kafka computes it: sealed segments below the first
 * uncleanable offset, which is the earliest of the active segment's base, the first segment reaching past
 * the high watermark (data a follower may still truncate), and the first dirty segment younger than
 * {@code min.compaction.lag.ms}. Segments from {@code firstDirtyOffset} (the cleaner checkpoint) on are
 * dirty; those below are clean.
 *
 * @param segments               the sealed segments from the log start up to the first uncleanable offset
 * @param firstDirtyOffset       the checkpoint, raised to the log start offset; always a segment boundary
 * @param firstUncleanableOffset segments at or above are not touched
 * @param cleanBytes             bytes of the clean segments
 * @param dirtyBytes             bytes of the cleanable dirty segments
 * @param maxLagExceeded         the first dirty segment holds data older than {@code max.compaction.lag.ms}
 */
public record CleanableRange(List<LogSegment> segments, long firstDirtyOffset, long firstUncleanableOffset,
                             long cleanBytes, long dirtyBytes, boolean maxLagExceeded) {

    public static CleanableRange of(SegmentedLog log, long checkpoint, long nowMs) throws IOException {
        CleanupConfig cleanup = log.config().cleanup();
        LogSegment active = log.activeSegment();
        // Not past the last stable offset: an open transaction may still abort, and its data must not
        // shadow committed records of the same keys.
        long highWatermark = Math.min(log.highWatermark(), log.firstUnstableOffset());
        long firstDirty = Math.max(checkpoint, log.logStartOffset());
        List<LogSegment> all = new ArrayList<>(log.segments().values());
        List<LogSegment> cleanable = new ArrayList<>();
        long uncleanable = active.baseOffset();
        long clean = 0;
        long dirty = 0;
        boolean maxLag = false;
        for (int i = 0; i < all.size(); i++) {
            LogSegment segment = all.get(i);
            if (segment == active || segment.baseOffset() >= active.baseOffset()) {
                break;
            }
            long end = i + 1 < all.size() ? all.get(i + 1).baseOffset() : segment.nextOffset();
            if (end <= firstDirty) {
                clean += segment.sizeInBytes();
                cleanable.add(segment);
                continue;
            }
            if (segment.baseOffset() < firstDirty) {
                // The checkpoint fell inside a segment (log start moved, DeleteRecords): clean from its base.
                firstDirty = segment.baseOffset();
            }
            boolean tooYoung = segment.maxTimestamp() > nowMs - cleanup.minCompactionLagMs();
            if (end > highWatermark || (cleanup.minCompactionLagMs() > 0 && tooYoung)) {
                uncleanable = segment.baseOffset();
                break;
            }
            if (dirty == 0) {
                long firstTimestamp = segment.firstBatchMaxTimestamp();
                maxLag = firstTimestamp >= 0 && nowMs - firstTimestamp > cleanup.maxCompactionLagMs();
            }
            dirty += segment.sizeInBytes();
            cleanable.add(segment);
        }
        return new CleanableRange(List.copyOf(cleanable), Math.min(firstDirty, uncleanable), uncleanable, clean,
                dirty, maxLag);
    }

    /** Dirty bytes over cleanable bytes; 0 when there are none. */
    public double dirtyRatio() {
        long total = cleanBytes + dirtyBytes;
        return total == 0 ? 0 : (double) dirtyBytes / total;
    }

    /**
     * Whether a pass is due: dirty data above {@code min.cleanable.dirty.ratio} or past
     * {@code max.compaction.lag.ms}, or a kept tombstone whose delete horizon has passed.
     */
    public boolean due(CleanupConfig cleanup, long earliestDeleteHorizonMs, long nowMs) {
        boolean dirtyDue = dirtyBytes > 0 && (dirtyRatio() >= cleanup.minCleanableDirtyRatio() || maxLagExceeded);
        return dirtyDue || (cleanBytes > 0 && earliestDeleteHorizonMs <= nowMs);
    }
}
