package io.streambus.metadata.log.raft;

import io.streambus.metadata.log.MetadataLogException;
import io.streambus.metadata.log.NotControllerException;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.ServerNotReadyException;
import org.apache.ratis.protocol.exceptions.StateMachineException;

/**
 * Turns Ratis' replies and exceptions into the metadata module's typed exceptions: anything that
 * means "not the (ready) leader now" becomes {@link NotControllerException}, the rest
 * {@link MetadataLogException}. Stateless.
 */
final class RaftReplies {

    private RaftReplies() {
    }

    /** The reply's failure as a typed exception, or null if it succeeded. */
    static MetadataLogException failureOf(RaftClientReply reply, String logPrefix) {
        if (reply.isSuccess()) {
            return null;
        }
        Throwable cause = reply.getException();
        return cause == null ? new MetadataLogException(logPrefix + "request failed without a reason")
                : translate(cause, logPrefix);
    }

    static MetadataLogException translate(Throwable error, String logPrefix) {
        Throwable cause = unwrap(error);
        return switch (cause) {
            case MetadataLogException mle -> mle;
            case NotLeaderException nle -> new NotControllerException(logPrefix + "not the controller (Raft leader)"
                    + leaderText(nle.getSuggestedLeader()), leaderId(nle.getSuggestedLeader()), nle);
            case LeaderNotReadyException e -> new NotControllerException(logPrefix
                    + "elected but not yet caught up with the log", OptionalInt.empty(), e);
            case LeaderSteppingDownException e -> new NotControllerException(logPrefix + "stepping down as leader",
                    OptionalInt.empty(), e);
            case ServerNotReadyException e -> new NotControllerException(logPrefix + "Raft server not ready",
                    OptionalInt.empty(), e);
            case AlreadyClosedException e -> new MetadataLogException(logPrefix + "closed", e);
            case StateMachineException e when e.getCause() instanceof MetadataLogException mle -> mle;
            case TimeoutException e -> new MetadataLogException(logPrefix + "not committed in time", e);
            default -> new MetadataLogException(logPrefix + cause, cause);
        };
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static OptionalInt leaderId(RaftPeer leader) {
        if (leader == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(leader.getId().toString()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static String leaderText(RaftPeer leader) {
        return leader == null ? "; leader unknown" : "; the leader is node " + leader.getId();
    }
}
