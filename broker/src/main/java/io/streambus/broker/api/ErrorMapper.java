package io.streambus.broker.api;

import io.streambus.metadata.log.NotControllerException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.protocol.Errors;

import io.streambus.storage.InvalidBatchException;
import io.streambus.storage.InvalidProducerEpochException;
import io.streambus.storage.LogIOException;
import io.streambus.storage.OutOfOrderSequenceException;
import io.streambus.storage.LogOfflineException;
import io.streambus.storage.StorageException;

/**
 * The one place where StreamBus exceptions become Kafka error codes. Stateless and thread-safe.
 * Anything it does not recognise is a bug: {@link Errors#UNKNOWN_SERVER_ERROR}.
 */
public final class ErrorMapper {

    private ErrorMapper() {
    }

    public static Errors toError(Throwable failure) {
        Throwable cause = unwrap(failure);
        return switch (cause) {
            case BrokerException e -> e.error();
            case ApiException e -> Errors.forException(e);
            case NotControllerException e -> Errors.NOT_CONTROLLER;
            case InvalidBatchException e -> switch (e.reason()) {
                case CORRUPT -> Errors.CORRUPT_MESSAGE;
                case INVALID_RECORD -> Errors.INVALID_RECORD;
                case TOO_LARGE -> Errors.MESSAGE_TOO_LARGE;
                case INVALID_TIMESTAMP -> Errors.INVALID_TIMESTAMP;
                case UNSUPPORTED_MAGIC -> Errors.UNSUPPORTED_FOR_MESSAGE_FORMAT;
            };
            case OutOfOrderSequenceException e -> Errors.OUT_OF_ORDER_SEQUENCE_NUMBER;
            case InvalidProducerEpochException e -> Errors.INVALID_PRODUCER_EPOCH;
            case LogIOException e -> Errors.KAFKA_STORAGE_ERROR;
            case LogOfflineException e -> Errors.KAFKA_STORAGE_ERROR;
            case StorageException e -> Errors.KAFKA_STORAGE_ERROR;
            default -> Errors.UNKNOWN_SERVER_ERROR;
        };
    }

    /** True when the failure is expected (a typed StreamBus or Kafka error), false when it is a bug. */
    public static boolean isExpected(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof BrokerException || cause instanceof ApiException || cause instanceof NotControllerException
                || cause instanceof StorageException || cause instanceof CloseConnectionException;
    }

    /** Strips the wrappers that futures add. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
