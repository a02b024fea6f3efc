package io.streambus.metadata.log;

import java.util.OptionalInt;

/**
 * This node cannot commit metadata now: it is not the Raft leader (the active controller), it was
 * elected but has not yet applied the log up to its own term, or it lost leadership while the
 * request was in flight. Retriable; the broker maps it to Kafka's {@code NOT_CONTROLLER}.
 *
 * <p>When it interrupts an append that had already reached the Raft log, that batch may still be
 * committed by the next leader, but always whole: a batch is one Raft entry.
 */
public class NotControllerException extends MetadataLogException {

    private final OptionalInt leaderHint;

    public NotControllerException(String message, OptionalInt leaderHint, Throwable cause) {
        super(message, cause);
        this.leaderHint = leaderHint;
    }

    /** The node id this node believes leads the quorum, if it knows one. */
    public OptionalInt leaderHint() {
        return leaderHint;
    }
}
