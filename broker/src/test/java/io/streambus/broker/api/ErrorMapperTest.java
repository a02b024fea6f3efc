package io.streambus.broker.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletionException;

import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

import io.streambus.storage.InvalidProducerEpochException;
import io.streambus.storage.OutOfOrderSequenceException;
import io.streambus.storage.InvalidBatchException;
import io.streambus.storage.InvalidBatchException.Reason;
import io.streambus.storage.LogIOException;
import io.streambus.storage.LogOfflineException;

class ErrorMapperTest {

    @Test
    void mapsStreamBusAndKafkaExceptionsThroughFutureWrappers() {
        assertThat(ErrorMapper.toError(new CompletionException(new BrokerException(Errors.NOT_CONTROLLER, "x"))))
                .isEqualTo(Errors.NOT_CONTROLLER);
        assertThat(ErrorMapper.toError(new NotLeaderOrFollowerException("x"))).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);
        assertThat(ErrorMapper.toError(new InvalidBatchException(Reason.CORRUPT, "x"))).isEqualTo(Errors.CORRUPT_MESSAGE);
        assertThat(ErrorMapper.toError(new InvalidBatchException(Reason.TOO_LARGE, "x"))).isEqualTo(Errors.MESSAGE_TOO_LARGE);
        assertThat(ErrorMapper.toError(new InvalidBatchException(Reason.INVALID_TIMESTAMP, "x")))
                .isEqualTo(Errors.INVALID_TIMESTAMP);
        assertThat(ErrorMapper.toError(new InvalidBatchException(Reason.UNSUPPORTED_MAGIC, "x")))
                .isEqualTo(Errors.UNSUPPORTED_FOR_MESSAGE_FORMAT);
        assertThat(ErrorMapper.toError(new LogIOException("x", new IOException("disk")))).isEqualTo(Errors.KAFKA_STORAGE_ERROR);
        assertThat(ErrorMapper.toError(new LogOfflineException("x"))).isEqualTo(Errors.KAFKA_STORAGE_ERROR);
        assertThat(ErrorMapper.toError(new OutOfOrderSequenceException("x")))
                .isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(ErrorMapper.toError(new InvalidProducerEpochException("x")))
                .isEqualTo(Errors.INVALID_PRODUCER_EPOCH);
    }

    @Test
    void anythingElseIsAnUnexpectedUnknownServerError() {
        assertThat(ErrorMapper.toError(new NullPointerException())).isEqualTo(Errors.UNKNOWN_SERVER_ERROR);
        assertThat(ErrorMapper.isExpected(new NullPointerException())).isFalse();
        assertThat(ErrorMapper.isExpected(new CompletionException(new LogOfflineException("x")))).isTrue();
    }

    @Test
    void registryRejectsVersionsKafkaCannotParse() {
        ApiHandler<?, ?> tooNew = new ApiHandler<org.apache.kafka.common.message.ApiVersionsRequestData,
                org.apache.kafka.common.message.ApiVersionsResponseData>() {
            @Override
            public org.apache.kafka.common.protocol.ApiKeys apiKey() {
                return org.apache.kafka.common.protocol.ApiKeys.API_VERSIONS;
            }

            @Override
            public short minVersion() {
                return 0;
            }

            @Override
            public short maxVersion() {
                return 99;
            }

            @Override
            public java.util.concurrent.CompletionStage<org.apache.kafka.common.message.ApiVersionsResponseData> handle(
                    RequestContext context, org.apache.kafka.common.message.ApiVersionsRequestData request) {
                return ApiHandler.noResponse();
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiHandlerRegistry.builder().register(tooNew))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("API_VERSIONS");
    }
}
