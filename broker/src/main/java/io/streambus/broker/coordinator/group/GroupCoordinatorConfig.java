package io.streambus.broker.coordinator.group;

import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.metadata.config.ConfigResolver;
import io.streambus.metadata.config.ResolvedConfig;
import io.streambus.metadata.image.MetadataImage;
import java.util.Map;

/**
 * The group coordinator's settings, with Kafka's names. All are read-only broker configs, so they are
 * fixed for the broker's life.
 *
 * @param offsetsTopicPartitions       {@code offsets.topic.num.partitions}
 * @param offsetsTopicReplicationFactor {@code offsets.topic.replication.factor}
 * @param offsetMetadataMaxBytes       {@code offset.metadata.max.bytes}
 * @param offsetsRetentionMs           {@code offsets.retention.minutes}, in ms
 * @param offsetsRetentionCheckIntervalMs {@code offsets.retention.check.interval.ms}
 * @param minSessionTimeoutMs          {@code group.min.session.timeout.ms}
 * @param maxSessionTimeoutMs          {@code group.max.session.timeout.ms}
 * @param maxGroupSize                 {@code group.max.size}
 * @param initialRebalanceDelayMs      {@code group.initial.rebalance.delay.ms}
 * @param consumerSessionTimeoutMs     {@code group.consumer.session.timeout.ms}
 * @param consumerHeartbeatIntervalMs  {@code group.consumer.heartbeat.interval.ms}
 * @param consumerMaxGroupSize         {@code group.consumer.max.size}
 */
public record GroupCoordinatorConfig(int offsetsTopicPartitions,
                                     short offsetsTopicReplicationFactor,
                                     int offsetMetadataMaxBytes,
                                     long offsetsRetentionMs,
                                     long offsetsRetentionCheckIntervalMs,
                                     int minSessionTimeoutMs,
                                     int maxSessionTimeoutMs,
                                     int maxGroupSize,
                                     int initialRebalanceDelayMs,
                                     int consumerSessionTimeoutMs,
                                     int consumerHeartbeatIntervalMs,
                                     int consumerMaxGroupSize) {

    /** Reads the settings from the broker's static configuration. */
    public static GroupCoordinatorConfig from(ConfigResolver resolver) {
        // Read-only keys: only the static configuration can set them, so the empty image resolves them exactly.
        Map<String, ResolvedConfig> configs = resolver.resolveBroker(MetadataImage.EMPTY);
        return new GroupCoordinatorConfig(
                intValue(configs, BrokerConfigs.OFFSETS_TOPIC_NUM_PARTITIONS.name()),
                (short) intValue(configs, BrokerConfigs.OFFSETS_TOPIC_REPLICATION_FACTOR.name()),
                intValue(configs, BrokerConfigs.OFFSET_METADATA_MAX_BYTES.name()),
                intValue(configs, BrokerConfigs.OFFSETS_RETENTION_MINUTES.name()) * 60_000L,
                (Long) configs.get(BrokerConfigs.OFFSETS_RETENTION_CHECK_INTERVAL_MS.name()).parsed(),
                intValue(configs, BrokerConfigs.GROUP_MIN_SESSION_TIMEOUT_MS.name()),
                intValue(configs, BrokerConfigs.GROUP_MAX_SESSION_TIMEOUT_MS.name()),
                intValue(configs, BrokerConfigs.GROUP_MAX_SIZE.name()),
                intValue(configs, BrokerConfigs.GROUP_INITIAL_REBALANCE_DELAY_MS.name()),
                intValue(configs, BrokerConfigs.GROUP_CONSUMER_SESSION_TIMEOUT_MS.name()),
                intValue(configs, BrokerConfigs.GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS.name()),
                intValue(configs, BrokerConfigs.GROUP_CONSUMER_MAX_SIZE.name()));
    }

    private static int intValue(Map<String, ResolvedConfig> configs, String name) {
        return (Integer) configs.get(name).parsed();
    }
}
