package io.streambus.storage.log;

import io.streambus.storage.LogSlice;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A {@link LogSlice} over a region of a segment file. Immutable. */
record FileLogSlice(FileChannel channel, long position, int sizeInBytes, long firstOffset) implements LogSlice {

    static final FileLogSlice EMPTY = new FileLogSlice(null, 0, 0, -1);

    @Override
    public void readInto(ByteBuffer destination) throws IOException {
        if (destination.remaining() < sizeInBytes) {
            throw new IllegalArgumentException("destination has " + destination.remaining()
                    + " bytes remaining, the slice holds " + sizeInBytes);
        }
        int limit = destination.limit();
        destination.limit(destination.position() + sizeInBytes);
        try {
            if (!FileReads.fill(channel, destination, position)) {
                throw new EOFException("segment ended " + destination.remaining() + " bytes early");
            }
        } finally {
            destination.limit(limit);
        }
    }
}
