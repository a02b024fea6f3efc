package io.streambus.storage.batch;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** CRC32C over a region of a buffer without allocating a slice. */
public final class Crc32cs {

    private Crc32cs() {
    }

    /**
     * CRC32C of the batch's bytes from the attributes field to its end, as stored in its crc field.
     * Temporarily moves the buffer's position and limit and restores them.
     */
    public static int batchCrc(CRC32C crc, ByteBuffer buffer, int batchStart, int batchSize) {
        int position = buffer.position();
        int limit = buffer.limit();
        try {
            buffer.limit(batchStart + batchSize).position(batchStart + BatchHeader.ATTRIBUTES);
            crc.reset();
            crc.update(buffer);
            return (int) crc.getValue();
        } finally {
            buffer.limit(limit).position(position);
        }
    }
}
