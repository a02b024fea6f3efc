package io.streambus.storage.batch;

import java.util.Arrays;

/**
 * What validation learned about each batch of one append: where it lies in the request buffer and
 * the facts the log needs to index it. Reused across appends (parallel primitive arrays) so the
 * append path allocates nothing per batch.
 *
 * <p>Owned by the log's writer (used under the log's lock).
 */
public final class BatchList {

    private int count;
    private int[] starts = new int[8];
    private int[] sizes = new int[8];
    private int[] lastOffsetDeltas = new int[8];
    private long[] maxTimestamps = new long[8];
    private int[] maxTimestampOffsetDeltas = new int[8];

    public void clear() {
        count = 0;
    }

    void add(int start, int size, int lastOffsetDelta, long maxTimestamp, int maxTimestampOffsetDelta) {
        if (count == starts.length) {
            int length = count * 2;
            starts = Arrays.copyOf(starts, length);
            sizes = Arrays.copyOf(sizes, length);
            lastOffsetDeltas = Arrays.copyOf(lastOffsetDeltas, length);
            maxTimestamps = Arrays.copyOf(maxTimestamps, length);
            maxTimestampOffsetDeltas = Arrays.copyOf(maxTimestampOffsetDeltas, length);
        }
        starts[count] = start;
        sizes[count] = size;
        lastOffsetDeltas[count] = lastOffsetDelta;
        maxTimestamps[count] = maxTimestamp;
        maxTimestampOffsetDeltas[count] = maxTimestampOffsetDelta;
        count++;
    }

    public int count() {
        return count;
    }

    /** Absolute index of batch {@code i} in the request buffer. */
    public int start(int i) {
        return starts[i];
    }

    public int sizeInBytes(int i) {
        return sizes[i];
    }

    public int lastOffsetDelta(int i) {
        return lastOffsetDeltas[i];
    }

    public long maxTimestamp(int i) {
        return maxTimestamps[i];
    }

    public void maxTimestamp(int i, long value) {
        maxTimestamps[i] = value;
    }

    /** Offset delta (from the batch's base offset) of the first record carrying the max timestamp. */
    public int maxTimestampOffsetDelta(int i) {
        return maxTimestampOffsetDeltas[i];
    }

    public void maxTimestampOffsetDelta(int i, int value) {
        maxTimestampOffsetDeltas[i] = value;
    }

    /** Total bytes of all batches. */
    public int totalSizeInBytes() {
        int total = 0;
        for (int i = 0; i < count; i++) {
            total += sizes[i];
        }
        return total;
    }
}
