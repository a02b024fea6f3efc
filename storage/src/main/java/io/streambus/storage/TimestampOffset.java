package io.streambus.storage;

/** A record timestamp and the offset of the record that carries it. */
public record TimestampOffset(long timestampMs, long offset) {
}
