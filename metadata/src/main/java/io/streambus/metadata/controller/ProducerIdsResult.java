package io.streambus.metadata.controller;

/** Outcome of AllocateProducerIds: a block, or an error and a null block. */
public record ProducerIdsResult(ApiError error, ProducerIdsBlock block) {
}
