package io.streambus.metadata.log.raft;

import io.streambus.metadata.log.MetadataLogException;

/**
 * A change of the quorum's voters that was refused or did not finish, with the reason a caller maps to its
 * protocol's error (KIP-853's DUPLICATE_VOTER, VOTER_NOT_FOUND, REQUEST_TIMED_OUT).
 */
public final class QuorumChangeException extends MetadataLogException {

    /** Why the change did not happen. */
    public enum Reason {
        /** The node to add already votes. */
        ALREADY_A_VOTER,
        /** The node to remove does not vote. */
        NOT_A_VOTER,
        /** An earlier change is still in progress; only one runs at a time. */
        CHANGE_IN_PROGRESS,
        /** The new voter did not catch up, or the new configuration did not commit, in time. */
        TIMED_OUT
    }

    private final Reason reason;

    public QuorumChangeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public QuorumChangeException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
