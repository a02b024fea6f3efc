package io.streambus.metadata.config;

import static io.streambus.metadata.config.ConfigValidator.atLeast;
import static io.streambus.metadata.config.ConfigValidator.between;
import static io.streambus.metadata.config.ConfigValidator.notSupportedYet;
import static io.streambus.metadata.config.ConfigValidator.oneOf;

import io.streambus.storage.CleanupConfig;
import io.streambus.storage.DurabilityPolicy;
import io.streambus.storage.LogConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.record.TimestampType;

/**
 * The topic-level configs StreamBus supports, with Kafka's names and defaults, and for each the
 * broker-level key(s) that set its cluster default. Where Kafka's lower bound would produce a
 * {@link LogConfig} the storage engine rejects, the storage bound is used instead
 * ({@code segment.index.bytes} at least 32).
 */
public final class TopicConfigs {

    private static final long HOUR_MS = 60L * 60 * 1000;
    private static final long MINUTE_MS = 60L * 1000;

    public static final String CLEANUP_POLICY_DELETE = "delete";
    public static final String CLEANUP_POLICY_COMPACT = "compact";

    private static final ConfigDef DEF = new ConfigDef();
    private static final Map<String, TopicConfig> CONFIGS = new LinkedHashMap<>();

    public static final ConfigKey<List<String>> CLEANUP_POLICY = topic(ConfigKey.ofList("cleanup.policy",
            List.of(CLEANUP_POLICY_DELETE), ConfigValidator.listOf(false, CLEANUP_POLICY_DELETE, CLEANUP_POLICY_COMPACT),
            "Retention of old segments: \"delete\" removes them by time or size, \"compact\" keeps the latest "
                    + "record per key; both may be given."), "log.cleanup.policy");
    public static final ConfigKey<String> COMPRESSION_TYPE = topic(ConfigKey.ofString("compression.type", "producer",
            notSupportedYet("producer", "batches are stored as the producer compressed them, with no recompression "
                    + "on the broker yet; set compression.type on the producer"),
            "Compression of stored batches; \"producer\" keeps the codec the producer used, the only value "
                    + "StreamBus supports yet."), "compression.type");
    public static final ConfigKey<Long> DELETE_RETENTION_MS = topic(ConfigKey.ofLong("delete.retention.ms",
            86_400_000L, atLeast(0), "How long tombstones are kept in compacted topics, so consumers see deletes."),
            "log.cleaner.delete.retention.ms");
    public static final ConfigKey<Long> FILE_DELETE_DELAY_MS = topic(ConfigKey.ofLong("file.delete.delay.ms",
            60_000L, notSupportedYet(60_000L, "the delay is broker-wide for now; set log.segment.delete.delay.ms"),
            "Delay before a segment file removed from the log is deleted from disk. Broker-wide "
                    + "(log.segment.delete.delay.ms): a per-topic value is not supported yet."),
            "log.segment.delete.delay.ms", atLeast(0));
    public static final ConfigKey<Long> FLUSH_MESSAGES = topic(ConfigKey.ofLong("flush.messages", Long.MAX_VALUE,
            notSupportedYet(Long.MAX_VALUE, "choose when appends reach the disk with flush.policy (fsync: before "
                    + "acks=all is acknowledged, the default)"),
            "Kafka's fsync after this many messages; StreamBus uses flush.policy instead and accepts only the "
                    + "default."), "log.flush.interval.messages");
    public static final ConfigKey<Long> FLUSH_MS = topic(ConfigKey.ofLong("flush.ms", Long.MAX_VALUE, atLeast(0),
            "Period of the background fsync when flush.policy is interval. Left at its default, StreamBus "
                    + "uses 1000 ms under the interval policy."), "log.flush.interval.ms");
    public static final ConfigKey<Integer> INDEX_INTERVAL_BYTES = topic(ConfigKey.ofInt("index.interval.bytes", 4096,
            atLeast(0), "Bytes of batches between two entries of the offset index."), "log.index.interval.bytes");
    public static final ConfigKey<Long> MAX_COMPACTION_LAG_MS = topic(ConfigKey.ofLong("max.compaction.lag.ms",
            Long.MAX_VALUE, atLeast(1), "Longest time a record may stay uncompacted."),
            "log.cleaner.max.compaction.lag.ms");
    public static final ConfigKey<Integer> MAX_MESSAGE_BYTES = topic(ConfigKey.ofInt("max.message.bytes",
            LogConfig.DEFAULT_MAX_MESSAGE_BYTES, atLeast(0), "Largest record batch the topic accepts, after compression."),
            "message.max.bytes");
    public static final ConfigKey<String> MESSAGE_TIMESTAMP_TYPE = topic(ConfigKey.ofString("message.timestamp.type",
            "CreateTime", oneOf("CreateTime", "LogAppendTime"),
            "Whether record timestamps are the producer's (CreateTime) or the broker's at append (LogAppendTime)."),
            "log.message.timestamp.type");
    public static final ConfigKey<Long> MESSAGE_TIMESTAMP_BEFORE_MAX_MS = topic(ConfigKey.ofLong(
            "message.timestamp.before.max.ms", Long.MAX_VALUE, atLeast(0),
            "Largest allowed age of a CreateTime timestamp relative to the broker's clock."),
            "log.message.timestamp.before.max.ms");
    public static final ConfigKey<Long> MESSAGE_TIMESTAMP_AFTER_MAX_MS = topic(ConfigKey.ofLong(
            "message.timestamp.after.max.ms", HOUR_MS, atLeast(0),
            "Furthest a CreateTime timestamp may lie in the future relative to the broker's clock."),
            "log.message.timestamp.after.max.ms");
    public static final ConfigKey<Double> MIN_CLEANABLE_DIRTY_RATIO = topic(ConfigKey.ofDouble(
            "min.cleanable.dirty.ratio", 0.5, between(0, 1),
            "Fraction of uncompacted bytes in a log above which it is compacted."), "log.cleaner.min.cleanable.ratio");
    public static final ConfigKey<Long> MIN_COMPACTION_LAG_MS = topic(ConfigKey.ofLong("min.compaction.lag.ms", 0L,
            atLeast(0), "Shortest time a record stays uncompacted."), "log.cleaner.min.compaction.lag.ms");
    public static final ConfigKey<Integer> MIN_INSYNC_REPLICAS = topic(ConfigKey.ofInt("min.insync.replicas", 1,
            atLeast(1), "Fewest in-sync replicas that must have a write for an acks=all produce to succeed."),
            "min.insync.replicas");
    public static final ConfigKey<Boolean> PREALLOCATE = topic(ConfigKey.ofBoolean("preallocate", false,
            notSupportedYet(false, "segment files grow as they are written"),
            "Reserve segment.bytes on disk when a segment is created; not supported yet (only false)."),
            "log.preallocate");
    public static final ConfigKey<Long> RETENTION_BYTES = topic(ConfigKey.ofLong("retention.bytes", -1L, null,
            "Largest size of a partition before old segments are deleted; -1 for no limit."), "log.retention.bytes");
    public static final ConfigKey<Long> RETENTION_MS = timeTopic(ConfigKey.ofLong("retention.ms", 7 * 24 * HOUR_MS,
            atLeast(-1), "How long segments are kept before deletion; -1 for no limit."),
            "log.retention.ms", "log.retention.minutes", MINUTE_MS, "log.retention.hours", atLeast(-1));
    public static final ConfigKey<Integer> SEGMENT_BYTES = topic(ConfigKey.ofInt("segment.bytes",
            LogConfig.DEFAULT_SEGMENT_BYTES, atLeast(14), "Size at which the active segment is rolled."),
            "log.segment.bytes");
    public static final ConfigKey<Integer> SEGMENT_INDEX_BYTES = topic(ConfigKey.ofInt("segment.index.bytes",
            LogConfig.DEFAULT_SEGMENT_INDEX_BYTES, atLeast(32), "Largest size of a segment's offset and time index."),
            "log.index.size.max.bytes");
    public static final ConfigKey<Long> SEGMENT_JITTER_MS = timeTopic(ConfigKey.ofLong("segment.jitter.ms", 0L,
            notSupportedYet(0L, "segments roll at segment.ms exactly"),
            "Largest random amount subtracted from segment.ms, so segments do not all roll at once; not "
                    + "supported yet (only 0)."),
            "log.roll.jitter.ms", null, 0, "log.roll.jitter.hours",
            notSupportedYet(0, "segments roll at segment.ms exactly"));
    public static final ConfigKey<Long> SEGMENT_MS = timeTopic(ConfigKey.ofLong("segment.ms", 7 * 24 * HOUR_MS,
            atLeast(1), "Age at which the active segment is rolled even if not full."),
            "log.roll.ms", null, 0, "log.roll.hours", atLeast(0));
    public static final ConfigKey<Boolean> UNCLEAN_LEADER_ELECTION_ENABLE = topic(ConfigKey.ofBoolean(
            "unclean.leader.election.enable", false,
            notSupportedYet(false, "leaders are elected from the in-sync replicas only"),
            "Whether a replica outside the ISR may become leader as a last resort, at the risk of data loss; "
                    + "not supported yet (only false)."),
            "unclean.leader.election.enable");
    public static final ConfigKey<String> FLUSH_POLICY = topic(ConfigKey.ofString("flush.policy", "fsync",
            oneOf("fsync", "interval", "none"),
            "StreamBus: when appends are forced to disk. fsync: before acks=all produces are acknowledged "
                    + "(group commit); interval: every flush.ms; none: left to the OS."), "log.flush.policy");

    private TopicConfigs() {
    }

    private static <T> ConfigKey<T> topic(ConfigKey<T> key, String brokerName) {
        return topic(key, brokerName, key.validator());
    }

    /** A topic config whose broker-level key accepts other values than the topic-level one. */
    private static <T> ConfigKey<T> topic(ConfigKey<T> key, String brokerName, ConfigValidator brokerValidator) {
        DEF.define(key);
        ConfigKey<T> brokerKey = key.renamed(brokerName, key.defaultValue(),
                "Cluster default of the topic config " + key.name() + ". " + key.documentation())
                .withValidator(brokerValidator);
        CONFIGS.put(key.name(), new TopicConfig(key, List.of(new BrokerSynonym(brokerKey, 1))));
        return key;
    }

    /** A time config with a ms broker key, optionally a minutes one, and an hours one holding the default. */
    private static ConfigKey<Long> timeTopic(ConfigKey<Long> key, String msName, String minutesName,
                                             long minuteFactor, String hoursName,
                                             ConfigValidator coarseUnitValidator) {
        DEF.define(key);
        String doc = "Cluster default of the topic config " + key.name() + ", ";
        List<BrokerSynonym> synonyms = new ArrayList<>();
        synonyms.add(new BrokerSynonym(key.renamed(msName, null, doc + "in ms; overrides the coarser units."), 1));
        if (minutesName != null) {
            synonyms.add(new BrokerSynonym(ConfigKey.ofInt(minutesName, null, coarseUnitValidator,
                    doc + "in minutes; overrides the hours key."), minuteFactor));
        }
        int hours = (int) Math.max(key.defaultValue() / HOUR_MS, 0);
        synonyms.add(new BrokerSynonym(ConfigKey.ofInt(hoursName, hours, coarseUnitValidator, doc + "in hours."),
                HOUR_MS));
        CONFIGS.put(key.name(), new TopicConfig(key, synonyms));
        return key;
    }

    /** Every topic config, in declaration order. */
    public static ConfigDef definition() {
        return DEF;
    }

    public static List<TopicConfig> all() {
        return List.copyOf(CONFIGS.values());
    }

    public static Optional<TopicConfig> config(String name) {
        return Optional.ofNullable(CONFIGS.get(name));
    }

    /**
     * Validates topic overrides as given to CreateTopics or AlterConfigs.
     *
     * @throws InvalidConfigException naming the first unknown, null or invalid key
     */
    public static void validate(Map<String, String> overrides) {
        overrides.forEach(TopicConfigs::validate);
    }

    /** Validates one override; see {@link #validate(Map)}. */
    public static void validate(String key, String value) {
        TopicConfig config = CONFIGS.get(key);
        if (config == null) {
            throw new InvalidConfigException(key, "Unknown topic config name: " + key);
        }
        if (value == null) {
            throw new InvalidConfigException(key, "Null value not supported for topic configs: " + key);
        }
        config.key().parse(value);
    }

    /** The broker-level keys of every topic config, to declare in {@link BrokerConfigs}. */
    static List<ConfigKey<?>> brokerKeys() {
        List<ConfigKey<?>> keys = new ArrayList<>();
        CONFIGS.values().forEach(c -> c.brokerSynonyms().forEach(s -> keys.add(s.key())));
        return Collections.unmodifiableList(keys);
    }

    /** The storage settings of a topic's partitions from its effective configs. */
    public static LogConfig toLogConfig(EffectiveTopicConfig config) {
        DurabilityPolicy durability = DurabilityPolicy.fromConfigName(config.value(FLUSH_POLICY));
        // Kafka's default flush.ms (never) would disable the interval policy's fsync; keep storage's default.
        long flushMs = config.resolved(FLUSH_MS.name()).isDefault() ? LogConfig.DEFAULT_FLUSH_INTERVAL_MS
                : Math.max(1, config.value(FLUSH_MS));
        return new LogConfig(config.value(SEGMENT_BYTES), config.value(SEGMENT_MS), config.value(SEGMENT_INDEX_BYTES),
                config.value(INDEX_INTERVAL_BYTES), config.value(MAX_MESSAGE_BYTES),
                TimestampType.forName(config.value(MESSAGE_TIMESTAMP_TYPE)),
                durability, flushMs, config.value(PREALLOCATE))
                .withCleanup(toCleanupConfig(config));
    }

    /** {@code cleanup.policy} and the retention and compaction configs, for storage. */
    static CleanupConfig toCleanupConfig(EffectiveTopicConfig config) {
        List<String> policy = config.value(CLEANUP_POLICY);
        return new CleanupConfig(policy.contains(CLEANUP_POLICY_DELETE), policy.contains(CLEANUP_POLICY_COMPACT),
                config.value(RETENTION_MS), config.value(RETENTION_BYTES), config.value(DELETE_RETENTION_MS),
                config.value(MIN_CLEANABLE_DIRTY_RATIO), config.value(MIN_COMPACTION_LAG_MS),
                config.value(MAX_COMPACTION_LAG_MS));
    }
}
