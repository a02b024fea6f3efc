package io.streambus.bench.compare;

import java.util.List;

/**
 * A StreamBus setup set against a Kafka setup. Like with like: both fsync before acknowledging, or
 * neither does. The defaults pairing is shown too, labelled, because it is what users get out of the box.
 *
 * @param title     section title in the report
 * @param note      one sentence on what is compared
 * @param streamBus the StreamBus side (the ratio's numerator)
 * @param kafka     the Kafka side (the ratio's denominator)
 */
public record Comparison(String title, String note, BrokerSetup streamBus, BrokerSetup kafka) {

    public static final List<Comparison> STANDARD = List.of(
            new Comparison("Durable: both fsync before acknowledging",
                    "StreamBus's default (group commit) against Kafka with flush.messages=1 (an fsync per append).",
                    BrokerSetup.STREAMBUS_FSYNC, BrokerSetup.KAFKA_FLUSH_EACH),
            new Comparison("Page cache: neither fsyncs",
                    "StreamBus with flush.policy=none against Kafka's default; both leave writes to the OS.",
                    BrokerSetup.STREAMBUS_NONE, BrokerSetup.KAFKA_DEFAULT),
            new Comparison("Out of the box: each system's defaults (unequal durability)",
                    "StreamBus fsyncs acks=all writes by default; Kafka does not. Not like with like: shown"
                            + " because it is what a user gets without tuning.",
                    BrokerSetup.STREAMBUS_FSYNC, BrokerSetup.KAFKA_DEFAULT));
}
