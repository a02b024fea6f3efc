package io.streambus.broker.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.broker.testing.ApiClient;
import io.streambus.broker.testing.TestBroker;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** InitProducerId over a real socket, with ids from real controller blocks. */
class InitProducerIdHandlerTest {

    @TempDir
    static Path dataDir;
    static TestBroker broker;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(dataDir);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void idempotentProducersGetDistinctIdsAcrossBlocksAndRestarts() throws Exception {
        Set<Long> ids = new HashSet<>();
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            for (int i = 0; i < 1_005; i++) { // more than one block of 1000
                InitProducerIdResponseData response = client.request(ApiKeys.INIT_PRODUCER_ID, 5, idempotent());
                assertThat(Errors.forCode(response.errorCode())).isEqualTo(Errors.NONE);
                assertThat(response.producerEpoch()).isZero();
                ids.add(response.producerId());
            }
        }
        broker.restart();
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            InitProducerIdResponseData response = client.request(ApiKeys.INIT_PRODUCER_ID, 0, idempotent());
            ids.add(response.producerId());
        }
        assertThat(ids).hasSize(1_006);
    }

    @Test
    void epochBumpOfAnIdempotentProducerGetsAFreshId() throws Exception {
        try (ApiClient client = new ApiClient(broker.bootstrap())) {
            InitProducerIdResponseData first = client.request(ApiKeys.INIT_PRODUCER_ID, 5, idempotent());
            InitProducerIdResponseData bumped = client.request(ApiKeys.INIT_PRODUCER_ID, 5,
                    idempotent().setProducerId(first.producerId()).setProducerEpoch((short) 0));
            assertThat(Errors.forCode(bumped.errorCode())).isEqualTo(Errors.NONE);
            assertThat(bumped.producerId()).isNotEqualTo(first.producerId());
            assertThat(bumped.producerEpoch()).isZero();
        }
    }

    private static InitProducerIdRequestData idempotent() {
        return new InitProducerIdRequestData().setTransactionalId(null).setTransactionTimeoutMs(60_000)
                .setProducerId(-1).setProducerEpoch((short) -1);
    }
}
