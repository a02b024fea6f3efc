package io.streambus.storage.log;

import io.streambus.storage.TimestampOffset;
import java.io.IOException;
import java.util.Collection;
import java.util.Optional;

/**
 * Timestamp lookups over a log's segments (ListOffsets by time, max timestamp).
 *
 * <p>Threading: stateless; lock-free readers, like every read of the segments.
 */
final class TimestampSearch {

    private TimestampSearch() {
    }

    /** Earliest record at or after {@code timestampMs} within [{@code start}, {@code end}). */
    static Optional<TimestampOffset> offsetForTimestamp(Collection<LogSegment> segments, long timestampMs, long start,
                                                        long end) throws IOException {
        for (LogSegment segment : segments) {
            TimestampOffset found = segment.offsetForTimestamp(timestampMs, start, end, segment.sizeInBytes());
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    /** The record with the largest timestamp, the first of them on ties. */
    static Optional<TimestampOffset> maxTimestamp(Collection<LogSegment> segments) {
        long bestTimestamp = -1;
        long bestOffset = -1;
        for (LogSegment segment : segments) {
            long timestamp = segment.maxTimestamp();
            if (timestamp > bestTimestamp) {
                bestTimestamp = timestamp;
                bestOffset = segment.offsetOfMaxTimestamp();
            }
        }
        return bestOffset < 0 ? Optional.empty() : Optional.of(new TimestampOffset(bestTimestamp, bestOffset));
    }
}
