package io.streambus.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.streambus.broker.api.ApiHandler;
import io.streambus.broker.api.ApiHandlerRegistry;

/** Each bad input closes its own connection, releases its memory, and leaves the broker serving others. */
class BadInputTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(ApiHandlerRegistry.builder()
                .register(TestHandlers.describeCluster(0, 0,
                        (context, request) -> ApiHandler.noResponse()))
                .build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void brokerStillServesAndHoldsNoMemory() throws IOException {
        assertThat(server.apiVersionsRoundTrip()).isEqualTo(Errors.NONE);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.server.bytesInUse() == 0);
        assertThat(server.server.connectionsPaused()).isZero();
    }

    @Test
    void truncatedFrameThenClientClose() throws IOException {
        try (RawClient client = server.connect()) {
            client.sendRaw(ByteBuffer.allocate(4 + 100).putInt(1000).array());
            await().until(() -> server.server.bytesInUse() > 0);
        }
    }

    @Test
    void frameAboveRequestMaxBytesCloses() throws IOException {
        assertClosedAfter(sizeOnly(NetworkConfig.DEFAULT_REQUEST_MAX_BYTES + 1));
    }

    @Test
    void negativeSizeCloses() throws IOException {
        assertClosedAfter(sizeOnly(-5));
    }

    @Test
    void zeroSizeCloses() throws IOException {
        assertClosedAfter(sizeOnly(0));
    }

    @Test
    void unknownApiKeyCloses() throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(4 + 8).putInt(8).putShort((short) 9999).putShort((short) 0).putInt(1);
        assertClosedAfter(frame.array());
    }

    @Test
    void apiNotServedCloses() throws IOException {
        assertClosedAfter(RawClient.frame(RawClient.header(ApiKeys.METADATA, 12, 1), new MetadataRequestData()));
    }

    @Test
    void unsupportedVersionOfAServedApiCloses() throws IOException {
        assertClosedAfter(RawClient.frame(RawClient.header(ApiKeys.DESCRIBE_CLUSTER, 1, 1), new DescribeClusterRequestData()));
    }

    @Test
    void garbageBodyCloses() throws IOException {
        byte[] header = RawClient.frame(RawClient.header(ApiKeys.DESCRIBE_CLUSTER, 0, 1), new DescribeClusterRequestData());
        // Keep the header, replace the body with a boolean and a varint that never ends.
        RequestHeader parsedHeader = RawClient.header(ApiKeys.DESCRIBE_CLUSTER, 0, 1);
        int headerSize = parsedHeader.size();
        byte[] garbage = {1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        ByteBuffer frame = ByteBuffer.allocate(4 + headerSize + garbage.length);
        frame.putInt(headerSize + garbage.length).put(header, 4, headerSize).put(garbage);
        assertClosedAfter(frame.array());
    }

    @Test
    void garbageHeaderCloses() throws IOException {
        // A valid API key and version, then a client id length pointing past the end of the frame.
        ByteBuffer frame = ByteBuffer.allocate(4 + 10).putInt(10).putShort(ApiKeys.API_VERSIONS.id).putShort((short) 0)
                .putInt(3).putShort((short) 500);
        assertClosedAfter(frame.array());
    }

    @Test
    void requestWithoutResponseKeepsConnectionOpen() throws IOException {
        try (RawClient client = server.connect()) {
            client.send(RawClient.header(ApiKeys.DESCRIBE_CLUSTER, 0, 1), new DescribeClusterRequestData());
            client.send(RawClient.header(ApiKeys.API_VERSIONS, 0, 2), new org.apache.kafka.common.message.ApiVersionsRequestData());
            // The no-response request is skipped; the next response arrives in order.
            assertThat(client.receive(ApiKeys.API_VERSIONS, (short) 0).correlationId()).isEqualTo(2);
        }
    }

    private static byte[] sizeOnly(int size) {
        return ByteBuffer.allocate(4).putInt(size).array();
    }

    private static void assertClosedAfter(byte[] bytes) throws IOException {
        try (RawClient client = server.connect()) {
            client.sendRaw(bytes);
            assertThat(client.closedByBroker()).isTrue();
        }
    }
}
