package io.streambus.storage.batch;

import java.nio.ByteBuffer;

/**
 * Zig-zag varints as in Kafka's record format, read at absolute indexes. Each read stores the index
 * just past the varint in {@link #next}, so a caller walks records without allocating.
 *
 * <p>Not thread-safe: one instance per thread.
 */
final class Varints {

    /** Index after the last varint read. */
    int next;

    /** Reads a zig-zag varint (at most 5 bytes) at {@code index}; throws if it runs past {@code limit}. */
    int readVarint(ByteBuffer buffer, int index, int limit) {
        int value = 0;
        int shift = 0;
        int i = index;
        while (true) {
            if (i >= limit) {
                throw new IndexOutOfBoundsException("varint runs past the batch end");
            }
            byte b = buffer.get(i++);
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 28) {
                throw new IllegalArgumentException("varint longer than 5 bytes");
            }
        }
        next = i;
        return (value >>> 1) ^ -(value & 1);
    }

    /** Reads a zig-zag varlong (at most 10 bytes) at {@code index}. */
    long readVarlong(ByteBuffer buffer, int index, int limit) {
        long value = 0;
        int shift = 0;
        int i = index;
        while (true) {
            if (i >= limit) {
                throw new IndexOutOfBoundsException("varlong runs past the batch end");
            }
            byte b = buffer.get(i++);
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 63) {
                throw new IllegalArgumentException("varlong longer than 10 bytes");
            }
        }
        next = i;
        return (value >>> 1) ^ -(value & 1);
    }
}
