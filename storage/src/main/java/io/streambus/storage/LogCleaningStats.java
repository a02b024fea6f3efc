package io.streambus.storage;

/**
 * A read-only view of one log's retention and cleaning state, for DescribeLogDirs, the CLI and the console.
 *
 * @param sizeBytes              bytes on disk across all segments
 * @param firstDirtyOffset       the cleaner checkpoint: records below it have been compacted
 * @param dirtyRatio             bytes of sealed segments at or above the checkpoint over bytes of all sealed
 *                               segments (0 when there are none); compare with {@code min.cleanable.dirty.ratio}
 * @param lastCleaningTimeMs     when the cleaner last finished a pass over this log, or -1
 * @param lastBytesReclaimed     bytes the last pass removed
 * @param totalBytesReclaimed    bytes all passes removed since the log was opened
 */
public record LogCleaningStats(long sizeBytes, long firstDirtyOffset, double dirtyRatio, long lastCleaningTimeMs,
                               long lastBytesReclaimed, long totalBytesReclaimed) {
}
