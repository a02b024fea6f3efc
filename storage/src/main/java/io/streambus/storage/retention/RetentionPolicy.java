package io.streambus.storage.retention;

import io.streambus.storage.CleanupConfig;
import io.streambus.storage.log.LogSegment;
import java.util.Collection;

/**
 * Decides which whole segments time and size retention remove, as Kafka does: from the oldest on, a sealed
 * segment goes while its largest timestamp is older than {@code retention.ms}, and while the log without it
 * is still at least {@code retention.bytes}. The active segment is never removed.
 *
 * <p>Threading: stateless.
 */
public final class RetentionPolicy {

    private RetentionPolicy() {
    }

    /**
     * The base offset of the first segment to keep, or -1 if nothing is due.
     *
     * @param segments the log's segments in offset order, the active one last
     */
    public static long firstRetainedOffset(Collection<LogSegment> segments, CleanupConfig cleanup, long nowMs) {
        if (!cleanup.delete() || segments.size() < 2) {
            return -1;
        }
        long sizeExcess = -1;
        if (cleanup.retentionBytes() >= 0) {
            long total = 0;
            for (LogSegment segment : segments) {
                total += segment.sizeInBytes();
            }
            sizeExcess = total - cleanup.retentionBytes();
        }
        boolean byTime = cleanup.retentionMs() >= 0;
        long expiredBeforeMs = nowMs - cleanup.retentionMs();
        int sealed = segments.size() - 1;
        int deleted = 0;
        for (LogSegment segment : segments) {
            boolean expired = byTime && segment.maxTimestamp() < expiredBeforeMs;
            boolean oversized = sizeExcess >= 0 && sizeExcess - segment.sizeInBytes() >= 0;
            if (deleted == sealed || (!expired && !oversized)) {
                return deleted == 0 ? -1 : segment.baseOffset();
            }
            sizeExcess -= segment.sizeInBytes();
            deleted++;
        }
        return -1;
    }
}
