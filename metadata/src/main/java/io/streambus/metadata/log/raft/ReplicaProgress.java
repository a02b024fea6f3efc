package io.streambus.metadata.log.raft;

/**
 * How far one voter's copy of the metadata log has come, as the leader sees it: what DescribeQuorum reports.
 *
 * @param logEndOffset            the offset after the last record it holds; -1 when unknown
 * @param lastFetchTimestampMs    when it last answered the leader; -1 when unknown
 * @param lastCaughtUpTimestampMs when it last held everything the leader had; -1 when never seen so
 */
public record ReplicaProgress(int nodeId, long logEndOffset, long lastFetchTimestampMs, long lastCaughtUpTimestampMs) {
}
