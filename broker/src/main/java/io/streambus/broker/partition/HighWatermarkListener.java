package io.streambus.broker.partition;

import org.apache.kafka.common.TopicPartition;

/**
 * Told each time a partition's high watermark moves forward, so that requests waiting for it (acks=all
 * produces, fetch long-polls) are re-checked. Called on the thread that advanced the watermark (an append
 * thread or the log's flusher thread): implementations must be quick and must not block.
 */
@FunctionalInterface
public interface HighWatermarkListener {

    void onHighWatermarkAdvanced(TopicPartition topicPartition);
}
