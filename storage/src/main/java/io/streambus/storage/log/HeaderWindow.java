package io.streambus.storage.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Batch headers of one segment file read through a window: walking many small batches (a fetch that
 * spans them to find its end) costs one {@code pread} per window instead of one per batch. After a gap
 * between headers wider than half a window (large batches) it reads just the header asked for, so large
 * batches are not copied into the window for nothing.
 *
 * <p>Single use, by one reader on one thread, created per read call. The window's bytes live in a
 * buffer owned by the reading thread and reused by its next read (a fetch at the log's end reads one
 * small batch: a fresh 8 KiB array per fetch was 40 % of the broker's allocation under a 5,000-record/s
 * latency load). A thread therefore uses one window at a time: a new one takes over the buffer.
 */
final class HeaderWindow {

    static final int WINDOW_BYTES = 8 * 1024;
    private static final ThreadLocal<ByteBuffer> THREAD_WINDOW =
            ThreadLocal.withInitial(() -> ByteBuffer.allocate(WINDOW_BYTES));

    private final FileChannel channel;
    private ByteBuffer window;
    private long windowStart = -1;
    private int windowBytes;
    private long lastPosition = -1;

    HeaderWindow(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Fills {@code scratch} (from 0 to its capacity) with the bytes at {@code position}; false if the file
     * holds fewer than that below {@code sizeLimit}.
     */
    boolean read(ByteBuffer scratch, long position, int sizeLimit) throws IOException {
        int need = scratch.capacity();
        if (sizeLimit - position < need) {
            return false;
        }
        boolean smallGap = lastPosition >= 0 && position - lastPosition <= WINDOW_BYTES / 2;
        lastPosition = position;
        if (position >= windowStart && position + need <= windowStart + windowBytes) {
            scratch.clear();
            scratch.put(0, window, (int) (position - windowStart), need);
            return true;
        }
        if (!smallGap) {
            return readDirect(scratch, position);
        }
        fill(position, (int) Math.min(WINDOW_BYTES, sizeLimit - position));
        if (position + need > windowStart + windowBytes) {
            return false;
        }
        scratch.clear();
        scratch.put(0, window, 0, need);
        return true;
    }

    private void fill(long position, int bytes) throws IOException {
        if (window == null) {
            window = THREAD_WINDOW.get();
        }
        window.clear().limit(bytes);
        FileReads.fill(channel, window, position);
        windowStart = position;
        windowBytes = window.position();
    }

    private boolean readDirect(ByteBuffer scratch, long position) throws IOException {
        scratch.clear();
        return FileReads.fill(channel, scratch, position);
    }
}
