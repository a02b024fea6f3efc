package io.streambus.storage.cleaner;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Key hash to the latest offset seen for it, in bounded memory: open addressing with linear probing over
 * three primitive arrays (24 bytes a slot), filled to at most 90%. Keys are hashed with MD5 (16 bytes), as
 * Kafka's cleaner does: a collision would make the cleaner drop a record, and 128 bits makes that
 * practically impossible where a 64-bit hash would not be over billions of keys.
 *
 * <p>Threading: not thread-safe; one per cleaner thread, reused across passes ({@link #clear}).
 */
public final class OffsetMap {

    static final int BYTES_PER_ENTRY = 24;
    private static final double LOAD_FACTOR = 0.9;

    private final long[] hashHigh;
    private final long[] hashLow;
    private final long[] offsets;
    private final int maxEntries;
    private final MessageDigest md5;
    private final byte[] digest = new byte[16];
    private final ByteBuffer digestView = ByteBuffer.wrap(digest);
    private int entries;

    /** A map using about {@code memoryBytes} of heap. */
    public OffsetMap(long memoryBytes) {
        int slots = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, memoryBytes / BYTES_PER_ENTRY));
        hashHigh = new long[slots];
        hashLow = new long[slots];
        offsets = new long[slots];
        Arrays.fill(offsets, -1);
        maxEntries = (int) (slots * LOAD_FACTOR);
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }

    /** How many distinct keys fit. */
    public int capacity() {
        return maxEntries;
    }

    public int size() {
        return entries;
    }

    public boolean isFull() {
        return entries >= maxEntries;
    }

    /** Records {@code offset} as the latest for {@code key} (position to limit, unchanged). */
    public void put(ByteBuffer key, long offset) {
        hash(key);
        long high = digestView.getLong(0);
        long low = digestView.getLong(8);
        int slot = slotOf(high, low);
        if (offsets[slot] < 0) {
            if (entries >= maxEntries) {
                throw new IllegalStateException("offset map is full (" + maxEntries + " keys)");
            }
            hashHigh[slot] = high;
            hashLow[slot] = low;
            entries++;
        }
        offsets[slot] = offset;
    }

    /** The latest offset recorded for {@code key}, or -1. */
    public long get(ByteBuffer key) {
        hash(key);
        return offsets[slotOf(digestView.getLong(0), digestView.getLong(8))];
    }

    public void clear() {
        if (entries > 0) {
            Arrays.fill(offsets, -1);
            entries = 0;
        }
    }

    /** The slot holding this hash, or the empty slot where it would go. */
    private int slotOf(long high, long low) {
        int slot = (int) ((low & Long.MAX_VALUE) % offsets.length);
        while (offsets[slot] >= 0 && (hashHigh[slot] != high || hashLow[slot] != low)) {
            slot = slot + 1 == offsets.length ? 0 : slot + 1;
        }
        return slot;
    }

    private void hash(ByteBuffer key) {
        md5.update(key.duplicate());
        try {
            md5.digest(digest, 0, digest.length);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
    }
}
