package io.streambus.storage.producer;

/**
 * What a log remembers about one idempotent producer: its epoch and the metadata of its last
 * {@value #BATCHES_TO_RETAIN} batches (Kafka keeps the same number: a producer has at most five
 * requests in flight per connection, so a retry is always one of them).
 *
 * <p>The batches live in a ring of parallel primitive arrays, so recording a batch allocates nothing.
 * Slot {@code 0} of the accessors is the oldest retained batch, {@code batchCount() - 1} the newest.
 *
 * <p>Threading: owned by the {@link ProducerStateManager}'s writer (the log's lock).
 */
public final class ProducerStateEntry {

    public static final int BATCHES_TO_RETAIN = 5;

    private final long producerId;
    private short producerEpoch;
    private int head;
    private int count;
    private final int[] firstSeqs = new int[BATCHES_TO_RETAIN];
    private final int[] lastSeqs = new int[BATCHES_TO_RETAIN];
    private final long[] firstOffsets = new long[BATCHES_TO_RETAIN];
    private final long[] lastOffsets = new long[BATCHES_TO_RETAIN];
    private final long[] maxTimestamps = new long[BATCHES_TO_RETAIN];
    private long lastTimestampMs = -1;
    // The first offset of the producer's open transaction, set by its first transactional batch and cleared
    // by the commit/abort marker. An open transaction keeps the entry from expiring and bounds the LSO.
    private long currentTxnFirstOffset = -1;

    ProducerStateEntry(long producerId, short producerEpoch) {
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
    }

    public long producerId() {
        return producerId;
    }

    public short producerEpoch() {
        return producerEpoch;
    }

    public int batchCount() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public int firstSeq(int slot) {
        return firstSeqs[index(slot)];
    }

    public int lastSeq(int slot) {
        return lastSeqs[index(slot)];
    }

    public long firstOffset(int slot) {
        return firstOffsets[index(slot)];
    }

    public long lastOffset(int slot) {
        return lastOffsets[index(slot)];
    }

    public long maxTimestamp(int slot) {
        return maxTimestamps[index(slot)];
    }

    /** Sequence of the last record appended; only meaningful when not empty. */
    public int lastSeq() {
        return lastSeq(count - 1);
    }

    /** Max timestamp of the last batch, or -1 when none: what expiry measures from. */
    public long lastTimestampMs() {
        return lastTimestampMs;
    }

    public long currentTxnFirstOffset() {
        return currentTxnFirstOffset;
    }

    void currentTxnFirstOffset(long offset) {
        currentTxnFirstOffset = offset;
    }

    /** The slot of a retained batch with exactly these sequences, or -1. */
    int findBatch(int firstSeq, int lastSeq) {
        for (int slot = count - 1; slot >= 0; slot--) {
            if (firstSeq(slot) == firstSeq && lastSeq(slot) == lastSeq) {
                return slot;
            }
        }
        return -1;
    }

    /** A new epoch starts with no batches (its sequences restart at 0). */
    void resetEpoch(short epoch) {
        producerEpoch = epoch;
        head = 0;
        count = 0;
    }

    /** Records a batch, dropping the oldest once {@value #BATCHES_TO_RETAIN} are held. */
    void addBatch(int firstSeq, int lastSeq, long firstOffset, long lastOffset, long maxTimestamp) {
        int i;
        if (count < BATCHES_TO_RETAIN) {
            i = (head + count) % BATCHES_TO_RETAIN;
            count++;
        } else {
            i = head;
            head = (head + 1) % BATCHES_TO_RETAIN;
        }
        firstSeqs[i] = firstSeq;
        lastSeqs[i] = lastSeq;
        firstOffsets[i] = firstOffset;
        lastOffsets[i] = lastOffset;
        maxTimestamps[i] = maxTimestamp;
        lastTimestampMs = maxTimestamp;
    }

    /** Restores the last-batch timestamp of an entry loaded without batches. */
    void lastTimestampMs(long value) {
        lastTimestampMs = value;
    }

    private int index(int slot) {
        if (slot < 0 || slot >= count) {
            throw new IndexOutOfBoundsException("slot " + slot + " of " + count);
        }
        return (head + slot) % BATCHES_TO_RETAIN;
    }

    @Override
    public String toString() {
        return "ProducerStateEntry(" + producerId + ", epoch " + producerEpoch + ", " + count + " batches"
                + (count > 0 ? ", last seq " + lastSeq() + " at offset " + lastOffset(count - 1) : "") + ")";
    }
}
