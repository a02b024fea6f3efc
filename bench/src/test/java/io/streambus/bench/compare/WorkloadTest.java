package io.streambus.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void parsesIdsAndRejectsUnknownOnes() {
        assertThat(Workload.parse(List.of("rebalance"))).containsExactly(Workload.REBALANCE);
        assertThat(Workload.parse(List.of("produce", "consume"))).containsExactly(Workload.PRODUCE, Workload.CONSUME);
        assertThatThrownBy(() -> Workload.parse(List.of("rebalnce"))).hasMessageContaining("unknown workload rebalnce");
    }

    @Test
    void consumeNeedsProduce() {
        assertThatThrownBy(() -> Workload.parse(List.of("consume"))).hasMessageContaining("select both");
    }
}
