package io.streambus.broker.coordinator.transaction;

import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.RecordBatch;

/** What InitProducerId answers: an error, or the producer id and epoch to use. */
public record InitProducerIdResult(Errors error, long producerId, short producerEpoch) {

    static InitProducerIdResult of(long producerId, short producerEpoch) {
        return new InitProducerIdResult(Errors.NONE, producerId, producerEpoch);
    }

    static InitProducerIdResult failed(Errors error) {
        return new InitProducerIdResult(error, RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH);
    }
}
