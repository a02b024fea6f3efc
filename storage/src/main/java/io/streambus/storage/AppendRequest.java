package io.streambus.storage;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One append: a buffer holding one or more record batches in Kafka's v2 format, exactly as the
 * producer sent them. The log rewrites only the fields the broker owns (base offset, partition
 * leader epoch and, for {@code LogAppendTime} topics, the timestamps), in place in this buffer.
 *
 * @param records     the batches, from position to limit; the log takes ownership for the call
 * @param leaderEpoch the epoch stamped into each batch (ignored for {@link AppendOrigin#REPLICATION})
 * @param origin      who sent the batches
 */
public record AppendRequest(ByteBuffer records, int leaderEpoch, AppendOrigin origin) {

    public AppendRequest {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(origin, "origin");
    }

    public static AppendRequest fromClient(ByteBuffer records, int leaderEpoch) {
        return new AppendRequest(records, leaderEpoch, AppendOrigin.CLIENT);
    }
}
