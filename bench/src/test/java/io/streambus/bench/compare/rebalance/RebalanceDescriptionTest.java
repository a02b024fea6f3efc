package io.streambus.bench.compare.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RebalanceDescriptionTest {

    @Test
    void statesTheClassicClientDefaultsItRanWith() {
        assertThat(RebalanceDescription.describe(RebalanceWorkload.Spec.standard(false, false)))
                .contains("10 KafkaConsumers", "60-partition topic",
                        "partition.assignment.strategy=[RangeAssignor, CooperativeStickyAssignor]",
                        "session.timeout.ms=45000", "heartbeat.interval.ms=3000")
                .doesNotContain("Crash");
        assertThat(RebalanceDescription.describe(RebalanceWorkload.Spec.standard(true, true))).contains("Crash");
    }
}
