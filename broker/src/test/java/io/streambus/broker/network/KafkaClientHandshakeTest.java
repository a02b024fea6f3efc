package io.streambus.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.ApiVersions;
import org.apache.kafka.clients.ClientRequest;
import org.apache.kafka.clients.ClientResponse;
import org.apache.kafka.clients.ManualMetadataUpdater;
import org.apache.kafka.clients.MetadataRecoveryStrategy;
import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.clients.NetworkClientUtils;
import org.apache.kafka.clients.NodeApiVersions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.network.PlaintextChannelBuilder;
import org.apache.kafka.common.network.Selector;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.DescribeClusterResponse;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

import io.streambus.broker.api.ApiHandlerRegistry;

/**
 * kafka-clients' own NetworkClient connects, performs its ApiVersions handshake (v4, with client
 * software name and version) and exchanges a request: what every Java client does first.
 */
class KafkaClientHandshakeTest {

    @Test
    void javaClientHandshakesAndExchangesRequests() throws Exception {
        ApiHandlerRegistry registry = ApiHandlerRegistry.builder()
                .register(TestHandlers.describeCluster(0, 1, (context, request) -> CompletableFuture.completedFuture(
                        new DescribeClusterResponseData().setClusterId("sb-" + context.clientId()))))
                .build();
        try (TestServer server = new TestServer(registry); Metrics metrics = new Metrics()) {
            Node node = new Node(1, "127.0.0.1", server.port());
            LogContext logContext = new LogContext("[test client] ");
            PlaintextChannelBuilder channelBuilder = new PlaintextChannelBuilder(ListenerName.normalised("PLAINTEXT"));
            channelBuilder.configure(Map.of());
            ApiVersions apiVersions = new ApiVersions();
            Selector selector = new Selector(60_000, metrics, Time.SYSTEM, "test", channelBuilder, logContext);
            try (NetworkClient client = new NetworkClient(selector, new ManualMetadataUpdater(List.of(node)), "it-client",
                    5, 50, 1_000, 64 * 1024, 64 * 1024, 10_000, 10_000, 10_000, Time.SYSTEM, true, apiVersions,
                    logContext, MetadataRecoveryStrategy.NONE)) {

                assertThat(NetworkClientUtils.awaitReady(client, node, Time.SYSTEM, 10_000)).isTrue();
                NodeApiVersions versions = apiVersions.get("1");
                assertThat(versions.apiVersion(ApiKeys.API_VERSIONS).maxVersion()).isEqualTo((short) 4);
                assertThat(versions.apiVersion(ApiKeys.DESCRIBE_CLUSTER).maxVersion()).isEqualTo((short) 1);
                assertThat(versions.allSupportedApiVersions()).hasSize(2);

                ClientRequest request = client.newClientRequest("1",
                        new DescribeClusterRequest.Builder(new DescribeClusterRequestData()), Time.SYSTEM.milliseconds(), true);
                ClientResponse response = NetworkClientUtils.sendAndReceive(client, request, Time.SYSTEM);
                assertThat(((DescribeClusterResponse) response.responseBody()).data().clusterId()).isEqualTo("sb-it-client");
            }
        }
    }
}
