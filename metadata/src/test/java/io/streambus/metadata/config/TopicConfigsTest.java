package io.streambus.metadata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.metadata.image.MetadataDelta;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.record.ConfigRecord;
import io.streambus.metadata.record.ConfigResourceType;
import io.streambus.metadata.record.MetadataRecord;
import io.streambus.storage.DurabilityPolicy;
import io.streambus.storage.LogConfig;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicConfigsTest {

    private static MetadataImage image(MetadataRecord... records) {
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        delta.replay(List.of(records));
        return delta.apply(records.length - 1);
    }

    @Test
    void declaresKafkasTopicConfigsWithKafkasDefaults() {
        assertThat(TopicConfigs.all()).extracting(TopicConfig::name).containsExactlyInAnyOrder(
                "cleanup.policy", "compression.type", "delete.retention.ms", "file.delete.delay.ms", "flush.messages",
                "flush.ms", "index.interval.bytes", "max.compaction.lag.ms", "max.message.bytes",
                "message.timestamp.type", "message.timestamp.before.max.ms", "message.timestamp.after.max.ms",
                "min.cleanable.dirty.ratio", "min.compaction.lag.ms", "min.insync.replicas", "preallocate",
                "retention.bytes", "retention.ms", "segment.bytes", "segment.index.bytes", "segment.jitter.ms",
                "segment.ms", "unclean.leader.election.enable", "flush.policy");
        assertThat(TopicConfigs.RETENTION_MS.defaultValue()).isEqualTo(604_800_000L);
        assertThat(TopicConfigs.SEGMENT_BYTES.defaultValue()).isEqualTo(1_073_741_824);
        assertThat(TopicConfigs.MAX_MESSAGE_BYTES.defaultValue()).isEqualTo(1_048_588);
        assertThat(TopicConfigs.CLEANUP_POLICY.defaultValue()).containsExactly("delete");
        assertThat(TopicConfigs.config("retention.ms").orElseThrow().brokerSynonyms()).extracting(BrokerSynonym::name)
                .containsExactly("log.retention.ms", "log.retention.minutes", "log.retention.hours");
        assertThat(TopicConfigs.config("max.message.bytes").orElseThrow().brokerSynonyms())
                .extracting(BrokerSynonym::name).containsExactly("message.max.bytes");
    }

    @Test
    void validateRejectsUnknownNullAndInvalidValues() {
        TopicConfigs.validate(Map.of("cleanup.policy", "delete,compact", "retention.ms", "-1"));
        assertThatThrownBy(() -> TopicConfigs.validate("retention.mss", "1"))
                .hasMessage("Unknown topic config name: retention.mss");
        assertThatThrownBy(() -> TopicConfigs.validate("retention.ms", null))
                .hasMessage("Null value not supported for topic configs: retention.ms");
        assertThatThrownBy(() -> TopicConfigs.validate("compression.type", "brotli"))
                .hasMessageContaining("compression.type").hasMessageContaining("only producer is accepted");
        assertThatThrownBy(() -> TopicConfigs.validate("min.cleanable.dirty.ratio", "1.5"))
                .isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void resolvesByKafkasPrecedenceWithSources() {
        MetadataImage image = image(
                new ConfigRecord(ConfigResourceType.TOPIC, "t", "segment.bytes", "1000"),
                new ConfigRecord(ConfigResourceType.BROKER, "", "log.retention.hours", "2"),
                new ConfigRecord(ConfigResourceType.BROKER, "1", "log.roll.ms", "5000"));
        ConfigResolver resolver = new ConfigResolver(1, Map.of("log.retention.hours", "3", "log.roll.ms", "6000",
                "log.index.interval.bytes", "100"));
        EffectiveTopicConfig config = resolver.resolveTopic(image, "t");

        assertThat(config.resolved("segment.bytes")).extracting(ResolvedConfig::value, ResolvedConfig::source)
                .containsExactly("1000", ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(config.resolved("retention.ms")).extracting(ResolvedConfig::value, ResolvedConfig::source)
                .containsExactly("7200000", ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
        assertThat(config.resolved("retention.ms").synonyms()).extracting(ConfigSynonym::name, ConfigSynonym::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("log.retention.hours",
                                ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG),
                        org.assertj.core.groups.Tuple.tuple("log.retention.hours", ConfigSource.STATIC_BROKER_CONFIG),
                        org.assertj.core.groups.Tuple.tuple("retention.ms", ConfigSource.DEFAULT_CONFIG));
        assertThat(config.resolved("segment.ms")).extracting(ResolvedConfig::value, ResolvedConfig::source)
                .containsExactly("5000", ConfigSource.DYNAMIC_BROKER_CONFIG);
        assertThat(config.resolved("index.interval.bytes")).extracting(ResolvedConfig::value, ResolvedConfig::source)
                .containsExactly("100", ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(config.resolved("cleanup.policy")).extracting(ResolvedConfig::value, ResolvedConfig::source)
                .containsExactly("delete", ConfigSource.DEFAULT_CONFIG);
        assertThat(config.value(TopicConfigs.SEGMENT_BYTES)).isEqualTo(1000);
    }

    @Test
    void finerBrokerUnitWinsAndNegativeHoursMeanUnlimited() {
        ConfigResolver resolver = new ConfigResolver(1, Map.of("log.retention.ms", "10", "log.retention.hours", "5"));
        assertThat(resolver.resolveTopic(MetadataImage.EMPTY, Map.of()).value(TopicConfigs.RETENTION_MS)).isEqualTo(10L);
        ConfigResolver unlimited = new ConfigResolver(1, Map.of("log.retention.hours", "-1"));
        assertThat(unlimited.resolveTopic(MetadataImage.EMPTY, Map.of()).value(TopicConfigs.RETENTION_MS))
                .isEqualTo(-1L);
    }

    @Test
    void convertsToStorageLogConfig() {
        ConfigResolver resolver = new ConfigResolver(1, Map.of());
        assertThat(resolver.resolveTopic(MetadataImage.EMPTY, Map.of()).toLogConfig()).isEqualTo(LogConfig.DEFAULT);
        LogConfig config = resolver.resolveTopic(MetadataImage.EMPTY, Map.of("segment.bytes", "2048",
                "segment.ms", "60000", "segment.index.bytes", "4096", "index.interval.bytes", "10",
                "max.message.bytes", "500", "message.timestamp.type", "LogAppendTime", "flush.policy", "interval",
                "flush.ms", "250")).toLogConfig();
        assertThat(config).isEqualTo(new LogConfig(2048, 60000, 4096, 10, 500, TimestampType.LOG_APPEND_TIME,
                DurabilityPolicy.INTERVAL, 250, false));
    }

    /** Keys a Kafka user sets that StreamBus cannot honour yet: refused, at topic and broker level, never ignored. */
    @ParameterizedTest
    @CsvSource({
        "compression.type, zstd, compression.type",
        "preallocate, true, log.preallocate",
        "flush.messages, 1, log.flush.interval.messages",
        "segment.jitter.ms, 1000, log.roll.jitter.ms",
        "unclean.leader.election.enable, true, unclean.leader.election.enable",
        "file.delete.delay.ms, 1000, ''"
    })
    void valuesNotSupportedYetAreRefusedNamingTheKey(String topicKey, String value, String brokerKey) {
        assertThatThrownBy(() -> TopicConfigs.validate(topicKey, value))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo(topicKey))
                .hasMessageContaining("not supported yet");
        if (!brokerKey.isEmpty()) { // the broker-level default is refused too
            assertThatThrownBy(() -> BrokerConfigs.parse(Map.of(brokerKey, value)))
                    .hasMessageContaining(brokerKey).hasMessageContaining("not supported yet");
        }
        String defaultValue = TopicConfigs.definition().key(topicKey).orElseThrow().defaultString();
        TopicConfigs.validate(topicKey, defaultValue);
    }

    @Test
    void coarseJitterUnitIsRefusedTooButBrokerDeleteDelayStaysConfigurable() {
        assertThatThrownBy(() -> BrokerConfigs.parse(Map.of("log.roll.jitter.hours", "1")))
                .hasMessageContaining("not supported yet");
        assertThat(BrokerConfigs.parse(Map.of("log.segment.delete.delay.ms", "5"))).isNotNull();
    }

    @Test
    void mapsCleanupPolicyRetentionAndCompactionToStorage() {
        ConfigResolver resolver = new ConfigResolver(1, Map.of("log.retention.hours", "2"));
        LogConfig config = resolver.resolveTopic(MetadataImage.EMPTY, Map.of("cleanup.policy", "compact,delete",
                "retention.bytes", "1000", "delete.retention.ms", "10", "min.cleanable.dirty.ratio", "0.25",
                "min.compaction.lag.ms", "20", "max.compaction.lag.ms", "30")).toLogConfig();
        assertThat(config.cleanup()).isEqualTo(new io.streambus.storage.CleanupConfig(true, true, 2 * 3_600_000L,
                1000, 10, 0.25, 20, 30));
        assertThat(resolver.resolveTopic(MetadataImage.EMPTY, Map.of("cleanup.policy", "compact")).toLogConfig()
                .cleanup().delete()).isFalse();
    }

    @Test
    void brokerConfigsChooseRetentionCheckAndCleanerSettings() {
        var manager = BrokerConfigs.toLogManagerConfig(BrokerConfigs.parse(Map.of(
                "log.retention.check.interval.ms", "1000", "log.cleaner.threads", "2",
                "log.cleaner.io.max.bytes.per.second", "1048576", "log.cleaner.dedupe.buffer.size", "4194304",
                "log.segment.delete.delay.ms", "5")));
        assertThat(manager.retentionCheckIntervalMs()).isEqualTo(1000);
        assertThat(manager.fileDeleteDelayMs()).isEqualTo(5);
        assertThat(manager.cleaner().threads()).isEqualTo(2);
        assertThat(manager.cleaner().ioMaxBytesPerSecond()).isEqualTo(1048576.0);
        assertThat(manager.cleaner().dedupeBufferBytes()).isEqualTo(4194304);
        assertThat(BrokerConfigs.toLogManagerConfig(BrokerConfigs.parse(Map.of())).cleaner())
                .isEqualTo(io.streambus.storage.cleaner.CleanerConfig.DEFAULT);
    }

    @Test
    void brokerConfigsDeclareBrokerKeysAndTopicDefaults() {
        ConfigValues values = BrokerConfigs.parse(Map.of("num.partitions", "3", "log.retention.hours", "24"));
        assertThat(values.get(BrokerConfigs.NUM_PARTITIONS)).isEqualTo(3);
        assertThat(values.get(BrokerConfigs.DEFAULT_REPLICATION_FACTOR)).isEqualTo(1);
        assertThat(BrokerConfigs.definition().contains("log.segment.bytes")).isTrue();
        assertThat(BrokerConfigs.definition().contains("message.max.bytes")).isTrue();
        assertThatThrownBy(() -> BrokerConfigs.parse(Map.of("num.partitions", "0")))
                .hasMessageContaining("num.partitions");
        assertThatThrownBy(() -> BrokerConfigs.validateDynamic("node.id", "2")).hasMessageContaining("read-only");
        assertThatThrownBy(() -> BrokerConfigs.validateDynamic("nope", "2"))
                .hasMessage("Unknown broker config name: nope");
        BrokerConfigs.validateDynamic("log.retention.ms", "100");

        ConfigResolver resolver = new ConfigResolver(1, Map.of("num.partitions", "4"));
        Map<String, ResolvedConfig> broker = resolver.resolveBroker(image(
                new ConfigRecord(ConfigResourceType.BROKER, "", "log.retention.ms", "99")));
        assertThat(broker.get("num.partitions")).extracting(ResolvedConfig::value, ResolvedConfig::source)
                .containsExactly("4", ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(broker.get("log.retention.ms")).extracting(ResolvedConfig::value, ResolvedConfig::source)
                .containsExactly("99", ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
        assertThat(broker.get("node.id").readOnly()).isTrue();
    }
}
