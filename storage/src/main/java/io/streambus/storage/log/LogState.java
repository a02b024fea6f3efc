package io.streambus.storage.log;

/**
 * The checkpointed offsets of one log, as read from the data directory's checkpoint files.
 *
 * @param recoveryPoint  everything below was on disk at the last checkpoint
 * @param logStartOffset first offset still in the log
 * @param highWatermark  the broker's last high watermark
 */
public record LogState(long recoveryPoint, long logStartOffset, long highWatermark) {

    /** A log with no checkpoints: recover everything, start at offset 0. */
    public static final LogState EMPTY = new LogState(0, 0, 0);
}
