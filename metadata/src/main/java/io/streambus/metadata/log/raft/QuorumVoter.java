package io.streambus.metadata.log.raft;

/**
 * One voter of the metadata quorum as Kafka's {@code controller.quorum.voters} writes it:
 * {@code id@host:port}, the port being the node's Raft (controller) port.
 */
public record QuorumVoter(int id, String host, int port) {

    public QuorumVoter {
        if (id < 0) {
            throw new IllegalArgumentException("voter id must be non-negative, was " + id);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("voter " + id + " has no host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("voter " + id + " has an invalid port " + port);
        }
    }

    /** Parses {@code id@host:port}; the message names the bad entry. */
    public static QuorumVoter parse(String text) {
        String entry = text.strip();
        int at = entry.indexOf('@');
        int colon = entry.lastIndexOf(':');
        if (at <= 0 || colon < at + 2 || colon == entry.length() - 1) {
            throw new IllegalArgumentException("voter '" + text + "' is not id@host:port");
        }
        try {
            return new QuorumVoter(Integer.parseInt(entry.substring(0, at)), entry.substring(at + 1, colon),
                    Integer.parseInt(entry.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("voter '" + text + "' is not id@host:port", e);
        }
    }

    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return id + "@" + address();
    }
}
