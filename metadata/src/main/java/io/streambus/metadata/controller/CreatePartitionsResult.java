package io.streambus.metadata.controller;

/** Outcome for one topic of CreatePartitions. */
public record CreatePartitionsResult(String topic, ApiError error) {
}
