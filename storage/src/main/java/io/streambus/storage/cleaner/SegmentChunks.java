package io.streambus.storage.cleaner;

import io.streambus.storage.batch.BatchHeader;
import io.streambus.storage.log.LogSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/**
 * Reads a sealed segment sequentially in chunks of whole batches through one reusable buffer (grown when a
 * single batch is larger), booking every byte with the {@link IoThrottler}.
 *
 * <p>Threading: not thread-safe; one per cleaner thread.
 */
final class SegmentChunks {

    /** Receives a buffer of whole batches (position to limit), valid only during the call. */
    @FunctionalInterface
    interface ChunkConsumer {
        void accept(ByteBuffer batches) throws IOException;
    }

    private final IoThrottler throttler;
    private final BooleanSupplier stopping;
    private ByteBuffer buffer;

    SegmentChunks(int chunkBytes, IoThrottler throttler, BooleanSupplier stopping) {
        this.buffer = ByteBuffer.allocate(chunkBytes);
        this.throttler = throttler;
        this.stopping = stopping;
    }

    /** The stop condition, for the writes of the same pass. */
    BooleanSupplier stopping() {
        return stopping;
    }

    void forEach(LogSegment segment, ChunkConsumer consumer) throws IOException {
        long position = 0;
        int size = segment.sizeInBytes();
        while (position < size) {
            if (stopping.getAsBoolean()) {
                throw new CleanerStoppedException();
            }
            buffer.clear();
            if (segment.readBytes(buffer, position) == 0) {
                return;
            }
            buffer.flip();
            int whole = wholeBatchesLength(buffer);
            if (whole == 0) {
                if (buffer.remaining() < BatchHeader.LOG_OVERHEAD) {
                    return;
                }
                int batchBytes = BatchHeader.LOG_OVERHEAD + buffer.getInt(BatchHeader.BATCH_LENGTH);
                if (batchBytes <= buffer.capacity() || position + batchBytes > size) {
                    return; // a torn tail cannot be in a sealed segment; never loop on one
                }
                buffer = ByteBuffer.allocate(batchBytes);
                continue;
            }
            buffer.limit(whole);
            throttler.acquire(whole, stopping);
            if (stopping.getAsBoolean()) {
                throw new CleanerStoppedException();
            }
            consumer.accept(buffer);
            position += whole;
        }
    }

    /** Bytes from the buffer's start that hold whole batches. */
    private static int wholeBatchesLength(ByteBuffer buffer) {
        int position = 0;
        int limit = buffer.limit();
        while (limit - position >= BatchHeader.LOG_OVERHEAD) {
            int size = BatchHeader.LOG_OVERHEAD + buffer.getInt(position + BatchHeader.BATCH_LENGTH);
            if (size < BatchHeader.HEADER_SIZE || position + size > limit) {
                break;
            }
            position += size;
        }
        return position;
    }
}
