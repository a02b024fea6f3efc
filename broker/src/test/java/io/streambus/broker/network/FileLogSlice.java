package io.streambus.broker.network;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import io.streambus.storage.LogSlice;

/** A {@link LogSlice} over a test file, standing in for a segment. */
record FileLogSlice(FileChannel channel, long position, int sizeInBytes, long firstOffset) implements LogSlice {

    @Override
    public void readInto(ByteBuffer destination) throws IOException {
        long at = position;
        int end = destination.position() + sizeInBytes;
        while (destination.position() < end) {
            int read = channel.read(destination, at);
            if (read < 0) {
                throw new IOException("slice extends past the end of the file");
            }
            at += read;
        }
    }
}
