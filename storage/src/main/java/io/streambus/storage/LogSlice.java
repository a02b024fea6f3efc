package io.streambus.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A run of whole record batches in one segment file: what a read returns. The network layer sends it
 * with {@code sendfile} ({@link #channel()}, {@link #position()}, {@link #sizeInBytes()}) on plaintext
 * connections, or copies it with {@link #readInto(ByteBuffer)} where it must see the bytes (TLS).
 *
 * <p>The channel stays open while the segment exists; a deleted segment lingers (renamed) long
 * enough for in-flight sends to finish. Callers must not close the channel.
 */
public interface LogSlice {

    FileChannel channel();

    long position();

    int sizeInBytes();

    /** Offset of the first record of the first batch in the slice. */
    long firstOffset();

    /** Copies the slice into {@code destination}, which must have {@link #sizeInBytes()} bytes remaining. */
    void readInto(ByteBuffer destination) throws IOException;
}
