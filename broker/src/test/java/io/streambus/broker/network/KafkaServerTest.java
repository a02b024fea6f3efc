package io.streambus.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

import io.streambus.broker.api.ApiHandlerRegistry;
import io.streambus.storage.Time;

class KafkaServerTest {

    @Test
    void bindsEveryListenerOnItsOwnEphemeralPort() throws IOException {
        NetworkConfig config = new NetworkConfig(List.of(new ListenerConfig("PLAINTEXT", "127.0.0.1", 0),
                new ListenerConfig("INTERNAL", "127.0.0.1", 0)), NetworkConfig.DEFAULT_REQUEST_MAX_BYTES,
                NetworkConfig.DEFAULT_UNAUTHENTICATED_MAX_BYTES, NetworkConfig.DEFAULT_QUEUED_MAX_REQUEST_BYTES,
                NetworkConfig.DEFAULT_REQUEST_TIMEOUT_MS, 1);
        try (KafkaServer server = new KafkaServer(config, ApiHandlerRegistry.builder().build(), Time.SYSTEM)) {
            server.start();
            int plaintext = server.boundPort("PLAINTEXT");
            int internal = server.boundPort("INTERNAL");
            assertThat(plaintext).isPositive().isNotEqualTo(internal);
            assertThat(internal).isPositive();
            try (RawClient client = new RawClient(internal)) {
                client.send(RawClient.header(ApiKeys.API_VERSIONS, 0, 1), new org.apache.kafka.common.message.ApiVersionsRequestData());
                assertThat(client.receive(ApiKeys.API_VERSIONS, (short) 0).correlationId()).isEqualTo(1);
            }
        }
    }

    @Test
    void shutdownFinishesInFlightResponsesThenCloses() throws Exception {
        CompletableFuture<DescribeClusterResponseData> slow = new CompletableFuture<>();
        CountDownLatch arrived = new CountDownLatch(1);
        ApiHandlerRegistry registry = ApiHandlerRegistry.builder()
                .register(TestHandlers.describeCluster(0, 1, (context, request) -> {
                    arrived.countDown();
                    return slow;
                }))
                .build();
        TestServer server = new TestServer(registry);
        int port = server.port();
        try (RawClient client = server.connect()) {
            client.send(RawClient.header(ApiKeys.DESCRIBE_CLUSTER, 1, 9), new DescribeClusterRequestData());
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

            Thread closer = Thread.ofPlatform().start(server::close);
            // The listener stops accepting before in-flight work is finished.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThatThrownBy(() -> new RawClient(port).close()).isInstanceOf(ConnectException.class));
            slow.complete(new DescribeClusterResponseData().setClusterId("bye"));

            RawClient.Response response = client.receive(ApiKeys.DESCRIBE_CLUSTER, (short) 1);
            assertThat(response.correlationId()).isEqualTo(9);
            assertThat(new DescribeClusterResponseData(response.readable(), (short) 1).clusterId()).isEqualTo("bye");
            assertThat(client.closedByBroker()).isTrue();
            closer.join(10_000);
            assertThat(closer.isAlive()).isFalse();
        }
    }
}
