package io.streambus.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

import io.streambus.broker.api.ApiHandlerRegistry;

/** {@code max.connections} and {@code connections.max.idle.ms} over real sockets. */
class ConnectionLimitsTest {

    @Test
    void idleConnectionsAreClosedAndBusyOnesAreNot() throws IOException {
        try (TestServer server = new TestServer(ApiHandlerRegistry.builder().build(),
                config -> config.withConnectionLimits(new ConnectionLimits(Integer.MAX_VALUE, 300)));
             RawClient idle = server.connect()) {
            // The read timeout (10 s) is far above the idle limit: end of stream means the broker closed it.
            assertThat(idle.closedByBroker()).isTrue();
        }
        try (TestServer server = new TestServer(ApiHandlerRegistry.builder().build(),
                config -> config.withConnectionLimits(new ConnectionLimits(Integer.MAX_VALUE, -1)));
             RawClient client = server.connect()) {
            client.socket().setSoTimeout(1_000);
            assertThat(client.closedByBroker()).as("-1 keeps idle connections").isFalse();
            assertThat(apiVersions(client, 1)).isEqualTo(1);
        }
    }

    @Test
    void atTheLimitNewClientsWaitUntilAConnectionCloses() throws IOException {
        try (TestServer server = new TestServer(ApiHandlerRegistry.builder().build(),
                config -> config.withConnectionLimits(new ConnectionLimits(2, -1)));
             RawClient first = server.connect();
             RawClient second = server.connect()) {
            assertThat(apiVersions(first, 1)).isEqualTo(1);
            assertThat(apiVersions(second, 2)).isEqualTo(2);

            try (RawClient third = server.connect()) { // the kernel completes the handshake; the broker does not accept
                third.socket().setSoTimeout(1_000);
                third.send(RawClient.header(ApiKeys.API_VERSIONS, 0, 3), new ApiVersionsRequestData());
                assertThatThrownBy(() -> third.receive(ApiKeys.API_VERSIONS, (short) 0))
                        .isInstanceOf(SocketTimeoutException.class);

                first.close();
                third.socket().setSoTimeout(10_000);
                assertThat(third.receive(ApiKeys.API_VERSIONS, (short) 0).correlationId()).isEqualTo(3);
            }
            assertThat(apiVersions(second, 4)).isEqualTo(4);
        }
    }

    private static int apiVersions(RawClient client, int correlationId) throws IOException {
        client.send(RawClient.header(ApiKeys.API_VERSIONS, 0, correlationId), new ApiVersionsRequestData());
        return client.receive(ApiKeys.API_VERSIONS, (short) 0).correlationId();
    }
}
