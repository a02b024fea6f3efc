package io.streambus.metadata.log.raft;

/**
 * Told when this node learns of a new leader, and when it becomes a leader that can commit (it
 * has applied every entry of earlier terms, so the image it reads is complete). Callbacks come on
 * the log's thread, ordered with the commit callbacks; they must not block on the log.
 */
public interface LeadershipListener {

    /** A new leader (possibly this node, possibly none yet) in {@code current.epoch()}. */
    void onLeaderChange(LeaderAndEpoch current);

    /** This node leads and has applied everything before its term: appends will now be accepted. */
    default void onBecomeActiveLeader(long epoch) {
    }
}
