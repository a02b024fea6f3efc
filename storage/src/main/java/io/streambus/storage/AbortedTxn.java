package io.streambus.storage;

/**
 * One aborted transaction in a log, as read_committed fetches list them so consumers drop its records.
 *
 * @param producerId       the transaction's producer
 * @param firstOffset      offset of its first record in this log
 * @param lastOffset       offset of its abort marker
 * @param lastStableOffset the log's last stable offset once the marker was written (Kafka's field; lets
 *                         a reader know no transaction before it is still open)
 */
public record AbortedTxn(long producerId, long firstOffset, long lastOffset, long lastStableOffset) {
}
