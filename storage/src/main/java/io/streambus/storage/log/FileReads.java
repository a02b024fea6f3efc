package io.streambus.storage.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positional reads that fill a buffer: {@link FileChannel#read(ByteBuffer, long)} may return less. */
final class FileReads {

    private FileReads() {
    }

    /**
     * Reads from {@code position} until {@code destination} has no room left or the file ends; returns
     * whether it was filled.
     */
    static boolean fill(FileChannel channel, ByteBuffer destination, long position) throws IOException {
        long at = position;
        while (destination.hasRemaining()) {
            int read = channel.read(destination, at);
            if (read < 0) {
                return false;
            }
            at += read;
        }
        return true;
    }
}
