package io.streambus.bench.compare;

import java.util.List;
import java.util.Map;

/**
 * One broker configuration under test: which system, and how durable its acknowledged writes are.
 * Durability is part of the name because comparing an fsyncing broker with one that leaves data to
 * the page cache measures the disk, not the broker.
 *
 * @param id           short stable id, used in file names and the CSV ("streambus-fsync")
 * @param kind         which system
 * @param label        what the report calls it ("StreamBus, fsync (default)")
 * @param durable      whether an acks=all produce is on disk (fsynced) when acknowledged
 * @param brokerConfig settings added to the generated config, in the system's own key names
 */
public record BrokerSetup(String id, BrokerKind kind, String label, boolean durable, Map<String, String> brokerConfig) {

    public static final BrokerSetup STREAMBUS_FSYNC = new BrokerSetup("streambus-fsync", BrokerKind.STREAMBUS,
            "StreamBus, flush.policy=fsync (default)", true, Map.of());
    public static final BrokerSetup STREAMBUS_NONE = new BrokerSetup("streambus-none", BrokerKind.STREAMBUS,
            "StreamBus, flush.policy=none", false, Map.of("log.flush.policy", "none"));
    public static final BrokerSetup KAFKA_DEFAULT = new BrokerSetup("kafka-default", BrokerKind.KAFKA,
            "Kafka, no fsync (default)", false, Map.of());
    public static final BrokerSetup KAFKA_FLUSH_EACH = new BrokerSetup("kafka-flush1", BrokerKind.KAFKA,
            "Kafka, flush.messages=1", true, Map.of("log.flush.interval.messages", "1"));

    /** Every setup, StreamBus and Kafka interleaved so that a round alternates between them. */
    public static final List<BrokerSetup> ALL = List.of(STREAMBUS_FSYNC, KAFKA_FLUSH_EACH, STREAMBUS_NONE, KAFKA_DEFAULT);

    public BrokerSetup {
        brokerConfig = Map.copyOf(brokerConfig);
    }

    public static BrokerSetup byId(String id) {
        return ALL.stream().filter(s -> s.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown setup " + id + "; known: "
                        + ALL.stream().map(BrokerSetup::id).toList()));
    }
}
