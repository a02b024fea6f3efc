package io.streambus.metadata.controller;

import static io.streambus.metadata.controller.ControllerFixture.join;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerIdsTest {

    @TempDir
    Path dir;

    @Test
    void blocksOfAThousandAreNeverReusedAcrossRestarts() {
        try (ControllerFixture fx = new ControllerFixture(dir, Map.of(), 1, 2)) {
            assertThat(join(fx.controller.allocateProducerIds(1)).block())
                    .isEqualTo(new ProducerIdsBlock(1, 0, 1000));
            assertThat(join(fx.controller.allocateProducerIds(2)).block())
                    .isEqualTo(new ProducerIdsBlock(2, 1000, 1000));
        }
        try (ControllerFixture fx = new ControllerFixture(dir, Map.of(), 1)) {
            ProducerIdsResult result = join(fx.controller.allocateProducerIds(1));
            assertThat(result.error()).isEqualTo(ApiError.NONE);
            assertThat(result.block().firstProducerId()).isEqualTo(2000);
            assertThat(result.block().lastProducerId()).isEqualTo(2999);
        }
    }

    @Test
    void unregisteredBrokerGetsNoBlock() {
        try (ControllerFixture fx = new ControllerFixture(dir, Map.of(), 1)) {
            ProducerIdsResult result = join(fx.controller.allocateProducerIds(7));
            assertThat(result.error().error()).isEqualTo(Errors.BROKER_ID_NOT_REGISTERED);
            assertThat(result.block()).isNull();
        }
    }
}
