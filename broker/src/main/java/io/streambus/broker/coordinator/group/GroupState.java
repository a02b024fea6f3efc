package io.streambus.broker.coordinator.group;

import java.util.Locale;

/** The states of a classic group, named as Kafka names them in ListGroups and DescribeGroups. */
public enum GroupState {
    EMPTY("Empty"),
    PREPARING_REBALANCE("PreparingRebalance"),
    COMPLETING_REBALANCE("CompletingRebalance"),
    STABLE("Stable"),
    DEAD("Dead");

    private final String kafkaName;

    GroupState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    public String kafkaName() {
        return kafkaName;
    }

    /** Whether {@code filter} (a ListGroups states filter entry, any case) names this state. */
    public boolean matches(String filter) {
        return kafkaName.toLowerCase(Locale.ROOT).equals(filter.toLowerCase(Locale.ROOT));
    }
}
