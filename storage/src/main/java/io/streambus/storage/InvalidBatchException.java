package io.streambus.storage;

/**
 * A batch failed validation before anything was written; the log is unchanged. The {@link Reason}
 * tells the broker which Kafka error to return.
 */
public final class InvalidBatchException extends StorageException {

    public enum Reason {
        /** Bad length, bad CRC32C, truncated batch: Kafka's CORRUPT_MESSAGE. */
        CORRUPT,
        /** Well-formed but not allowed (wrong magic, offsets not contiguous, null key on a compacted log...): INVALID_RECORD. */
        INVALID_RECORD,
        /** A batch larger than {@code max.message.bytes}: MESSAGE_TOO_LARGE. */
        TOO_LARGE,
        /** Timestamp outside the allowed window: INVALID_TIMESTAMP. */
        INVALID_TIMESTAMP,
        /** Magic below 2: UNSUPPORTED_FOR_MESSAGE_FORMAT. */
        UNSUPPORTED_MAGIC
    }

    private final Reason reason;

    public InvalidBatchException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
