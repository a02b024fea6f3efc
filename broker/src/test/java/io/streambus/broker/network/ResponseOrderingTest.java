package io.streambus.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

import io.streambus.broker.api.ApiHandlerRegistry;
import io.streambus.broker.api.BrokerException;

class ResponseOrderingTest {

    private static final short VERSION = 1;

    @Test
    void responsesFollowRequestOrderWhenHandlersCompleteInReverse() throws Exception {
        int pipelined = 5;
        List<CompletableFuture<DescribeClusterResponseData>> pending = new ArrayList<>();
        List<Integer> correlationIds = new ArrayList<>();
        CountDownLatch allArrived = new CountDownLatch(pipelined);
        ApiHandlerRegistry registry = ApiHandlerRegistry.builder()
                .register(TestHandlers.describeCluster(0, 1, (context, request) -> {
                    CompletableFuture<DescribeClusterResponseData> future = new CompletableFuture<>();
                    synchronized (pending) {
                        pending.add(future);
                        correlationIds.add(context.correlationId());
                    }
                    allArrived.countDown();
                    return future;
                }))
                .build();
        try (TestServer server = new TestServer(registry); RawClient client = server.connect()) {
            for (int i = 1; i <= pipelined; i++) {
                client.send(RawClient.header(ApiKeys.DESCRIBE_CLUSTER, VERSION, i), new DescribeClusterRequestData());
            }
            assertThat(allArrived.await(10, TimeUnit.SECONDS)).isTrue();
            // Complete from a foreign thread, last request first.
            Thread completer = Thread.ofPlatform().start(() -> {
                synchronized (pending) {
                    for (int i = pipelined - 1; i >= 0; i--) {
                        pending.get(i).complete(new DescribeClusterResponseData().setClusterId("c" + correlationIds.get(i)));
                    }
                }
            });
            completer.join();

            for (int expected = 1; expected <= pipelined; expected++) {
                RawClient.Response response = client.receive(ApiKeys.DESCRIBE_CLUSTER, VERSION);
                assertThat(response.correlationId()).isEqualTo(expected);
                assertThat(new DescribeClusterResponseData(response.readable(), VERSION).clusterId()).isEqualTo("c" + expected);
            }
        }
    }

    @Test
    void handlerFailuresBecomeTheApisErrorResponse() throws Exception {
        ApiHandlerRegistry registry = ApiHandlerRegistry.builder()
                .register(TestHandlers.describeCluster(0, 1, (context, request) -> switch (context.correlationId()) {
                    case 1 -> throw new BrokerException(Errors.NOT_CONTROLLER, "not the controller");
                    case 2 -> CompletableFuture.failedFuture(new IllegalStateException("a bug"));
                    default -> CompletableFuture.failedFuture(
                            new io.streambus.storage.LogOfflineException("disk gone"));
                }))
                .build();
        try (TestServer server = new TestServer(registry); RawClient client = server.connect()) {
            for (int i = 1; i <= 3; i++) {
                client.send(RawClient.header(ApiKeys.DESCRIBE_CLUSTER, VERSION, i), new DescribeClusterRequestData());
            }
            assertThat(errorOf(client)).isEqualTo(Errors.NOT_CONTROLLER);
            assertThat(errorOf(client)).isEqualTo(Errors.UNKNOWN_SERVER_ERROR);
            assertThat(errorOf(client)).isEqualTo(Errors.KAFKA_STORAGE_ERROR);
        }
    }

    private static Errors errorOf(RawClient client) throws IOException {
        RawClient.Response response = client.receive(ApiKeys.DESCRIBE_CLUSTER, VERSION);
        return Errors.forCode(new DescribeClusterResponseData(response.readable(), VERSION).errorCode());
    }
}
