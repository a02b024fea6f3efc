package io.streambus.broker.coordinator.transaction;

import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.metadata.config.ConfigResolver;
import io.streambus.metadata.config.ResolvedConfig;
import io.streambus.metadata.image.MetadataImage;
import java.util.Map;

/**
 * The transaction coordinator's settings, with Kafka's names; read-only broker configs.
 *
 * @param stateTopicPartitions           {@code transaction.state.log.num.partitions}
 * @param stateTopicReplicationFactor    {@code transaction.state.log.replication.factor}
 * @param maxTimeoutMs                   {@code transaction.max.timeout.ms}
 * @param abortTimedOutCheckIntervalMs   {@code transaction.abort.timed.out.transaction.cleanup.interval.ms}
 * @param transactionalIdExpirationMs    {@code transactional.id.expiration.ms}
 */
public record TransactionCoordinatorConfig(int stateTopicPartitions, short stateTopicReplicationFactor,
                                           int maxTimeoutMs, int abortTimedOutCheckIntervalMs,
                                           int transactionalIdExpirationMs) {

    public static TransactionCoordinatorConfig from(ConfigResolver resolver) {
        // Read-only keys: only the static configuration can set them, so the empty image resolves them exactly.
        Map<String, ResolvedConfig> configs = resolver.resolveBroker(MetadataImage.EMPTY);
        return new TransactionCoordinatorConfig(
                intValue(configs, BrokerConfigs.TRANSACTION_STATE_LOG_NUM_PARTITIONS.name()),
                (short) intValue(configs, BrokerConfigs.TRANSACTION_STATE_LOG_REPLICATION_FACTOR.name()),
                intValue(configs, BrokerConfigs.TRANSACTION_MAX_TIMEOUT_MS.name()),
                intValue(configs, BrokerConfigs.TRANSACTION_ABORT_TIMED_OUT_CLEANUP_INTERVAL_MS.name()),
                intValue(configs, BrokerConfigs.TRANSACTIONAL_ID_EXPIRATION_MS.name()));
    }

    private static int intValue(Map<String, ResolvedConfig> configs, String name) {
        return (Integer) configs.get(name).parsed();
    }
}
