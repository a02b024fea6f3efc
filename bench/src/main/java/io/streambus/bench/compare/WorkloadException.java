package io.streambus.bench.compare;

/** A workload could not produce a figure (the broker refused, timed out or died). */
public final class WorkloadException extends RuntimeException {

    public WorkloadException(String message) {
        super(message);
    }

    public WorkloadException(String message, Throwable cause) {
        super(cause == null ? message : message + ": " + cause, cause);
    }
}
