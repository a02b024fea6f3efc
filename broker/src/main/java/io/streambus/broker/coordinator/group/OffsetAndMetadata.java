package io.streambus.broker.coordinator.group;

import java.util.Objects;

/**
 * One committed offset: what OffsetCommit stores and OffsetFetch returns.
 *
 * @param offset            the next offset the group will consume
 * @param leaderEpoch       the leader epoch of the record before {@code offset}, or -1 if unknown
 * @param metadata          the client's metadata string, never null ("" when absent)
 * @param commitTimestampMs when the coordinator accepted the commit
 */
public record OffsetAndMetadata(long offset, int leaderEpoch, String metadata, long commitTimestampMs) {

    public OffsetAndMetadata {
        Objects.requireNonNull(metadata, "metadata");
    }
}
