package io.streambus.storage;

/** Who produced the batches being appended, which decides what the log validates and assigns. */
public enum AppendOrigin {
    /** A producer: the log validates the batches and assigns offsets and the leader epoch. */
    CLIENT,
    /** A coordinator writing its own records or transaction markers: validated, offsets assigned. */
    COORDINATOR,
    /** A follower copying its leader: offsets and epochs are kept exactly as the leader wrote them. */
    REPLICATION
}
