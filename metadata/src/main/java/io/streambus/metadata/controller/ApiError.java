package io.streambus.metadata.controller;

import java.util.Objects;
import org.apache.kafka.common.protocol.Errors;

/** An error code for a response plus a message for the client (null to use the code's default message). */
public record ApiError(Errors error, String message) {

    public static final ApiError NONE = new ApiError(Errors.NONE, null);

    public ApiError {
        Objects.requireNonNull(error, "error");
    }

    public static ApiError of(Errors error, String message) {
        return new ApiError(error, message);
    }

    public boolean isSuccess() {
        return error == Errors.NONE;
    }

    public boolean isFailure() {
        return !isSuccess();
    }

    /** The message to send: the specific one if any, else the code's default. */
    public String messageOrDefault() {
        return message != null ? message : error.message();
    }
}
