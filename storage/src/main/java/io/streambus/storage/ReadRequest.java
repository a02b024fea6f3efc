package io.streambus.storage;

/**
 * A read of whole batches starting at the batch that holds {@code startOffset}.
 *
 * @param startOffset  first offset wanted; the first batch returned may start before it, as in Kafka
 * @param maxBytes     byte budget; exceeded only when {@code minOneBatch} lets the first batch through
 * @param maxOffset    exclusive upper bound on offsets returned, e.g. the high watermark for consumers,
 *                     or {@link Long#MAX_VALUE} for the log end
 * @param minOneBatch  return the first batch even if it is larger than {@code maxBytes}, so that a
 *                     consumer with a small limit still makes progress
 */
public record ReadRequest(long startOffset, int maxBytes, long maxOffset, boolean minOneBatch) {

    public ReadRequest {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("negative maxBytes " + maxBytes);
        }
    }
}
