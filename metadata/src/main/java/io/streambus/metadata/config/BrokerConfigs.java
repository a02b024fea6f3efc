package io.streambus.metadata.config;

import static io.streambus.metadata.config.ConfigValidator.atLeast;
import static io.streambus.metadata.config.ConfigValidator.between;

import io.streambus.storage.LogConfig;
import io.streambus.storage.LogManagerConfig;
import io.streambus.storage.cleaner.CleanerConfig;
import java.util.List;
import java.util.Map;

/**
 * Broker-level config keys: the broker's own settings plus the cluster defaults of every topic
 * config ({@code log.*}, see {@link TopicConfigs}). Read-only keys need a restart to change; the
 * others may also be set dynamically (AlterConfigs on a broker resource). The server's YAML
 * loader parses its file against {@link #definition()}.
 */
public final class BrokerConfigs {

    private static final ConfigDef DEF = new ConfigDef();

    public static final ConfigKey<Integer> NODE_ID = DEF.define(ConfigKey.ofInt("node.id", 1, atLeast(0),
            "This broker's id, unique in the cluster.").readOnly());
    public static final ConfigKey<List<String>> LOG_DIRS = DEF.define(ConfigKey.ofList("log.dirs", List.of("./data"),
            null, "Directories that hold partition data and the metadata log.").readOnly());
    public static final ConfigKey<List<String>> LISTENERS = DEF.define(ConfigKey.ofList("listeners",
            List.of("PLAINTEXT://127.0.0.1:9092"), null,
            "Listeners as PLAINTEXT://host:port. The name is the security protocol; SSL, SASL_PLAINTEXT and "
                    + "SASL_SSL listeners are refused at start-up until TLS and SASL are implemented.").readOnly());
    public static final ConfigKey<List<String>> ADVERTISED_LISTENERS = DEF.define(ConfigKey.ofList(
            "advertised.listeners", null, null,
            "Listeners as clients should reach them, if different from listeners.").readOnly());
    public static final ConfigKey<List<String>> PROCESS_ROLES = DEF.define(ConfigKey.ofList("process.roles",
            List.of(), ConfigValidator.listOf(true, "broker", "controller"),
            "Roles of this node in a cluster, as in KRaft. Unset: a single node whose metadata log is local. "
                    + "broker,controller: a node of a cluster whose metadata log is replicated by the Raft quorum "
                    + "of controller.quorum.voters. Dedicated brokers or controllers are refused until they are "
                    + "supported.").readOnly());
    public static final ConfigKey<List<String>> CONTROLLER_QUORUM_VOTERS = DEF.define(ConfigKey.ofList(
            "controller.quorum.voters", List.of(), null,
            "The metadata quorum's voters as id@host:port, the port being each controller's CONTROLLER listener "
                    + "(where its Raft server listens). Every node of a cluster lists the same voters.").readOnly());
    public static final ConfigKey<List<String>> CONTROLLER_LISTENER_NAMES = DEF.define(ConfigKey.ofList(
            "controller.listener.names", List.of(), null,
            "Name of the listener in listeners that the Raft quorum uses (one name, e.g. CONTROLLER). It speaks "
                    + "Raft between controllers, not the Kafka protocol, and is not advertised to clients.")
            .readOnly());
    public static final ConfigKey<List<String>> CONTROLLER_QUORUM_BOOTSTRAP_SERVERS = DEF.define(ConfigKey.ofList(
            "controller.quorum.bootstrap.servers", null, ConfigValidator.notSupportedYet("dynamic quorums "
                    + "(KIP-853) are not available yet: list the voters in controller.quorum.voters"),
            "Bootstrap servers of a dynamic quorum (KIP-853).").readOnly());
    public static final ConfigKey<String> RACK = DEF.define(ConfigKey.ofString("broker.rack", null, null,
            "Rack of this broker: registered with the controller and reported to clients (Metadata, "
                    + "DescribeCluster), as Kafka does.").readOnly());
    public static final ConfigKey<Long> BROKER_SESSION_TIMEOUT_MS = DEF.define(ConfigKey.ofLong(
            "broker.session.timeout.ms", 9_000L, atLeast(1),
            "How long the controller waits for a broker's heartbeat before it fences the broker.").readOnly());
    public static final ConfigKey<Long> BROKER_HEARTBEAT_INTERVAL_MS = DEF.define(ConfigKey.ofLong(
            "broker.heartbeat.interval.ms", 2_000L, atLeast(1),
            "How often a broker heartbeats to the controller.").readOnly());
    public static final ConfigKey<Integer> NUM_PARTITIONS = DEF.define(ConfigKey.ofInt("num.partitions", 1, atLeast(1),
            "Partitions of a topic created without a partition count (or automatically)."));
    public static final ConfigKey<Integer> DEFAULT_REPLICATION_FACTOR = DEF.define(ConfigKey.ofInt(
            "default.replication.factor", 1, between(1, Short.MAX_VALUE),
            "Replication factor of a topic created without one (or automatically)."));
    public static final ConfigKey<Boolean> AUTO_CREATE_TOPICS_ENABLE = DEF.define(ConfigKey.ofBoolean(
            "auto.create.topics.enable", true, "Create a topic when a client asks for metadata of an unknown one.")
            .readOnly());
    public static final ConfigKey<Boolean> DELETE_TOPIC_ENABLE = DEF.define(ConfigKey.ofBoolean(
            "delete.topic.enable", true, "Whether topics may be deleted.").readOnly());
    public static final ConfigKey<Integer> SOCKET_REQUEST_MAX_BYTES = DEF.define(ConfigKey.ofInt(
            "socket.request.max.bytes", 100 * 1024 * 1024, atLeast(1), "Largest request the broker reads.")
            .readOnly());
    public static final ConfigKey<Long> QUEUED_MAX_REQUEST_BYTES = DEF.define(ConfigKey.ofLong(
            "queued.max.request.bytes", 128L * 1024 * 1024, atLeast(1),
            "Bytes of requests read but not yet answered, across connections, above which the broker stops "
                    + "reading. Always bounded (Kafka's -1, no limit, is not accepted): it must hold one "
                    + "socket.request.max.bytes frame plus headroom for small requests.").readOnly());
    public static final ConfigKey<Integer> QUEUED_MAX_REQUESTS = DEF.define(ConfigKey.ofInt(
            "queued.max.requests", null, ConfigValidator.notSupportedYet("requests waiting to be answered are "
                    + "bounded by their memory, queued.max.request.bytes, not by their count"),
            "Kafka's bound on the number of requests waiting for a handler; not supported yet: StreamBus bounds "
                    + "them by memory (queued.max.request.bytes).").readOnly());
    public static final ConfigKey<Long> CONNECTIONS_MAX_IDLE_MS = DEF.define(ConfigKey.ofLong(
            "connections.max.idle.ms", 600_000L, atLeast(-1),
            "Idle time (no reads, no writes) after which the broker closes a connection; -1 or 0 to never "
                    + "close idle connections.")
            .readOnly());
    public static final ConfigKey<Integer> MAX_CONNECTIONS = DEF.define(ConfigKey.ofInt(
            "max.connections", Integer.MAX_VALUE, atLeast(0),
            "Most connections open at once, across listeners; at the limit the broker stops accepting until "
                    + "one closes (clients wait in the accept backlog).").readOnly());
    public static final ConfigKey<Integer> OFFSETS_TOPIC_NUM_PARTITIONS = DEF.define(ConfigKey.ofInt(
            "offsets.topic.num.partitions", 50, atLeast(1), "Partitions of __consumer_offsets.").readOnly());
    public static final ConfigKey<Integer> OFFSETS_TOPIC_REPLICATION_FACTOR = DEF.define(ConfigKey.ofInt(
            "offsets.topic.replication.factor", 1, between(1, Short.MAX_VALUE),
            "Replication factor of __consumer_offsets.").readOnly());
    public static final ConfigKey<Integer> OFFSET_METADATA_MAX_BYTES = DEF.define(ConfigKey.ofInt(
            "offset.metadata.max.bytes", 4096, atLeast(0),
            "Largest metadata string a committed offset may carry.").readOnly());
    public static final ConfigKey<Integer> OFFSETS_RETENTION_MINUTES = DEF.define(ConfigKey.ofInt(
            "offsets.retention.minutes", 10_080, atLeast(1),
            "How long the committed offsets of a group stay after it became empty.").readOnly());
    public static final ConfigKey<Long> OFFSETS_RETENTION_CHECK_INTERVAL_MS = DEF.define(ConfigKey.ofLong(
            "offsets.retention.check.interval.ms", 600_000L, atLeast(1),
            "How often the group coordinator looks for expired offsets.").readOnly());
    public static final ConfigKey<Integer> GROUP_MIN_SESSION_TIMEOUT_MS = DEF.define(ConfigKey.ofInt(
            "group.min.session.timeout.ms", 6_000, atLeast(0),
            "Smallest session timeout a classic group member may ask for.").readOnly());
    public static final ConfigKey<Integer> GROUP_MAX_SESSION_TIMEOUT_MS = DEF.define(ConfigKey.ofInt(
            "group.max.session.timeout.ms", 1_800_000, atLeast(0),
            "Largest session timeout a classic group member may ask for.").readOnly());
    public static final ConfigKey<Integer> GROUP_MAX_SIZE = DEF.define(ConfigKey.ofInt(
            "group.max.size", Integer.MAX_VALUE, atLeast(1), "Most members a consumer group may have.").readOnly());
    public static final ConfigKey<Integer> GROUP_INITIAL_REBALANCE_DELAY_MS = DEF.define(ConfigKey.ofInt(
            "group.initial.rebalance.delay.ms", 3_000, atLeast(0),
            "How long the first rebalance of an empty classic group waits for more members to join.").readOnly());
    public static final ConfigKey<Integer> GROUP_CONSUMER_SESSION_TIMEOUT_MS = DEF.define(ConfigKey.ofInt(
            "group.consumer.session.timeout.ms", 45_000, atLeast(1),
            "Session timeout of members of consumer-protocol (KIP-848) groups.").readOnly());
    public static final ConfigKey<Integer> GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS = DEF.define(ConfigKey.ofInt(
            "group.consumer.heartbeat.interval.ms", 250, atLeast(1),
            "Heartbeat interval the coordinator gives members of consumer-protocol (KIP-848) groups. A member "
                    + "learns of a rebalance at its next heartbeat, so this bounds how fast partitions move; "
                    + "StreamBus defaults to 250 ms where Kafka uses 5000 ms (docs/decisions/0006).").readOnly());
    public static final ConfigKey<Integer> GROUP_CONSUMER_MAX_SIZE = DEF.define(ConfigKey.ofInt(
            "group.consumer.max.size", Integer.MAX_VALUE, atLeast(1),
            "Most members a consumer-protocol (KIP-848) group may have.").readOnly());
    public static final ConfigKey<Integer> TRANSACTION_STATE_LOG_NUM_PARTITIONS = DEF.define(ConfigKey.ofInt(
            "transaction.state.log.num.partitions", 50, atLeast(1), "Partitions of __transaction_state.").readOnly());
    public static final ConfigKey<Integer> TRANSACTION_STATE_LOG_REPLICATION_FACTOR = DEF.define(ConfigKey.ofInt(
            "transaction.state.log.replication.factor", 1, between(1, Short.MAX_VALUE),
            "Replication factor of __transaction_state.").readOnly());
    public static final ConfigKey<Integer> TRANSACTION_MAX_TIMEOUT_MS = DEF.define(ConfigKey.ofInt(
            "transaction.max.timeout.ms", 900_000, atLeast(1),
            "Largest transaction.timeout.ms a producer may ask for (INVALID_TRANSACTION_TIMEOUT above).").readOnly());
    public static final ConfigKey<Integer> TRANSACTION_ABORT_TIMED_OUT_CLEANUP_INTERVAL_MS = DEF.define(
            ConfigKey.ofInt("transaction.abort.timed.out.transaction.cleanup.interval.ms", 10_000, atLeast(1),
                    "How often the transaction coordinator aborts transactions older than their timeout.")
                    .readOnly());
    public static final ConfigKey<Integer> TRANSACTIONAL_ID_EXPIRATION_MS = DEF.define(ConfigKey.ofInt(
            "transactional.id.expiration.ms", 604_800_000, atLeast(1),
            "How long an idle transactional id is kept before the coordinator forgets it.").readOnly());
    public static final ConfigKey<Long> PRODUCER_ID_EXPIRATION_MS = DEF.define(ConfigKey.ofLong(
            "producer.id.expiration.ms", LogConfig.DEFAULT_PRODUCER_ID_EXPIRATION_MS, atLeast(1),
            "How long a partition keeps an idempotent producer's state (what it deduplicates retries "
                    + "with) after the producer's last write.").readOnly());
    public static final ConfigKey<Long> METADATA_SNAPSHOT_INTERVAL_RECORDS = DEF.define(ConfigKey.ofLong(
            "metadata.snapshot.interval.records", 10_000L, atLeast(1),
            "StreamBus: write a metadata snapshot after this many new metadata records.").readOnly());

    public static final ConfigKey<Long> LOG_RETENTION_CHECK_INTERVAL_MS = DEF.define(ConfigKey.ofLong(
            "log.retention.check.interval.ms", LogManagerConfig.DEFAULT_RETENTION_CHECK_INTERVAL_MS, atLeast(1),
            "How often logs are checked for segments to delete by retention.ms and retention.bytes.").readOnly());
    public static final ConfigKey<Boolean> LOG_CLEANER_ENABLE = DEF.define(ConfigKey.ofBoolean("log.cleaner.enable",
            CleanerConfig.DEFAULT.enabled(), "Run the log cleaner, which compacts topics with cleanup.policy "
                    + "compact (__consumer_offsets among them).").readOnly());
    public static final ConfigKey<Integer> LOG_CLEANER_THREADS = DEF.define(ConfigKey.ofInt("log.cleaner.threads",
            CleanerConfig.DEFAULT.threads(), atLeast(1), "Threads compacting logs, per data directory.").readOnly());
    public static final ConfigKey<Double> LOG_CLEANER_IO_MAX_BYTES_PER_SECOND = DEF.define(ConfigKey.ofDouble(
            "log.cleaner.io.max.bytes.per.second", CleanerConfig.DEFAULT.ioMaxBytesPerSecond(), atLeast(1.0),
            "Read plus write rate limit of all cleaner threads together.").readOnly());
    public static final ConfigKey<Long> LOG_CLEANER_DEDUPE_BUFFER_SIZE = DEF.define(ConfigKey.ofLong(
            "log.cleaner.dedupe.buffer.size", CleanerConfig.DEFAULT.dedupeBufferBytes(), atLeast(1024 * 1024),
            "Memory of the cleaners' key-to-offset maps across all threads (24 bytes a key), allocated when "
                    + "a thread first cleans.").readOnly());
    public static final ConfigKey<Long> LOG_CLEANER_BACKOFF_MS = DEF.define(ConfigKey.ofLong("log.cleaner.backoff.ms",
            CleanerConfig.DEFAULT.backoffMs(), atLeast(1), "How long an idle cleaner thread waits before "
                    + "looking for a log to clean again.").readOnly());

    static {
        TopicConfigs.brokerKeys().forEach(key -> {
            if (!DEF.contains(key.name())) {
                DEF.define(key);
            }
        });
    }

    private BrokerConfigs() {
    }

    /**
     * The storage settings these broker configs choose; the rest of {@link LogManagerConfig} keeps its defaults.
     * {@code log.segment.delete.delay.ms} applies to every log of the broker (a topic's own
     * {@code file.delete.delay.ms} is not honoured per log).
     */
    @SuppressWarnings("unchecked")
    public static LogManagerConfig toLogManagerConfig(ConfigValues values) {
        ConfigKey<Long> deleteDelay = (ConfigKey<Long>) DEF.key("log.segment.delete.delay.ms").orElseThrow();
        CleanerConfig cleaner = new CleanerConfig(values.get(LOG_CLEANER_ENABLE), values.get(LOG_CLEANER_THREADS),
                values.get(LOG_CLEANER_IO_MAX_BYTES_PER_SECOND), values.get(LOG_CLEANER_DEDUPE_BUFFER_SIZE),
                values.get(LOG_CLEANER_BACKOFF_MS));
        return LogManagerConfig.DEFAULT.withRetentionCheckIntervalMs(values.get(LOG_RETENTION_CHECK_INTERVAL_MS))
                .withFileDeleteDelayMs(values.get(deleteDelay))
                .withCleaner(cleaner);
    }

    public static ConfigDef definition() {
        return DEF;
    }

    /** Parses a broker's static configuration, rejecting unknown keys. */
    public static ConfigValues parse(Map<String, String> raw) {
        return DEF.parse(raw, false);
    }

    /**
     * Validates a dynamic broker config change.
     *
     * @throws InvalidConfigException if the key is unknown, read-only, or the value invalid
     */
    public static void validateDynamic(String key, String value) {
        ConfigKey<?> configKey = DEF.key(key).orElseThrow(() ->
                new InvalidConfigException(key, "Unknown broker config name: " + key));
        if (configKey.isReadOnly()) {
            throw new InvalidConfigException(key, "Cannot update broker config " + key
                    + " dynamically; it is read-only and needs a restart");
        }
        if (value != null) {
            configKey.parse(value);
        }
    }
}
