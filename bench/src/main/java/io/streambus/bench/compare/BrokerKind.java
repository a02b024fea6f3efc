package io.streambus.bench.compare;

/** The two systems the harness compares. */
public enum BrokerKind {
    STREAMBUS("StreamBus"),
    KAFKA("Kafka");

    private final String displayName;

    BrokerKind(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
