package io.streambus.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

import io.streambus.broker.api.ApiHandlerRegistry;

/**
 * The attack that wedges Apache Kafka: many connections announce ~100 MiB frames and send them slowly.
 * The broker must charge only what arrived, stay within its budget, keep serving small requests and
 * close the stalled connections.
 */
class MemoryBoundTest {

    private static final int BUDGET_BYTES = 1024 * 1024;
    private static final int CONNECTIONS = 20;
    private static final int SENT_PER_CONNECTION = 64 * 1024;
    /** A paused connection may hold one receive buffer beyond the budget. */
    private static final long MAX_OVERSHOOT_BYTES = (long) CONNECTIONS * 64 * 1024;

    @Test
    void slowHugeFramesAreBoundedAndStalledConnectionsClosed() throws IOException {
        try (TestServer server = new TestServer(ApiHandlerRegistry.builder().build(),
                config -> config.withQueuedMaxRequestBytes(BUDGET_BYTES).withRequestTimeoutMs(2_000))) {
            List<RawClient> attackers = new ArrayList<>();
            try {
                byte[] start = ByteBuffer.allocate(4 + SENT_PER_CONNECTION).putInt(100 * 1024 * 1024).array();
                for (int i = 0; i < CONNECTIONS; i++) {
                    RawClient attacker = server.connect();
                    attackers.add(attacker);
                    attacker.sendRaw(start);
                }
                // 20 x 64 KiB is more than the budget: some connections must be paused, none may overspend.
                await().atMost(Duration.ofSeconds(5)).until(() -> server.server.connectionsPaused() > 0);
                assertThat(server.server.bytesInUse()).isLessThanOrEqualTo(BUDGET_BYTES + MAX_OVERSHOOT_BYTES);
                assertThat(server.server.bytesInUse()).isLessThan((long) CONNECTIONS * SENT_PER_CONNECTION + 1);

                // Small requests still flow through the headroom.
                assertThat(server.apiVersionsRoundTrip()).isEqualTo(Errors.NONE);
                assertThat(server.server.connectionsPaused()).isPositive();

                // Stalled frames time out and give their memory back.
                for (RawClient attacker : attackers) {
                    assertThat(attacker.closedByBroker()).isTrue();
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> server.server.bytesInUse() == 0);
                assertThat(server.server.connectionsPaused()).isZero();
                assertThat(server.apiVersionsRoundTrip()).isEqualTo(Errors.NONE);
            } finally {
                for (RawClient attacker : attackers) {
                    attacker.close();
                }
            }
        }
    }

    @Test
    void largeFrameArrivingInPiecesCompletesWithinBudget() throws IOException {
        // A 600 KiB frame sent in 10 writes is accumulated as it arrives and then served (here: an unknown
        // API, so the connection closes, but only after the whole frame was received and decoded).
        try (TestServer server = new TestServer(ApiHandlerRegistry.builder().build(),
                config -> config.withQueuedMaxRequestBytes(BUDGET_BYTES));
             RawClient client = server.connect()) {
            int frameBytes = 600 * 1024;
            ByteBuffer frame = ByteBuffer.allocate(4 + frameBytes).putInt(frameBytes).putShort((short) 9999);
            byte[] bytes = frame.array();
            int chunk = bytes.length / 10 + 1;
            for (int offset = 0; offset < bytes.length; offset += chunk) {
                int length = Math.min(chunk, bytes.length - offset);
                byte[] piece = new byte[length];
                System.arraycopy(bytes, offset, piece, 0, length);
                client.sendRaw(piece);
            }
            assertThat(client.closedByBroker()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.server.bytesInUse() == 0);
        }
    }

    @Test
    void pausedConnectionResumesAndIsAnsweredWhenMemoryFrees() throws IOException {
        // 64 KiB budget: 48 KiB for partial frames, 16 KiB headroom.
        try (TestServer server = new TestServer(ApiHandlerRegistry.builder().build(),
                config -> config.withQueuedMaxRequestBytes(64 * 1024));
             RawClient waiter = server.connect()) {
            RawClient hog = server.connect();
            hog.sendRaw(ByteBuffer.allocate(4 + 60 * 1024).putInt(100 * 1024).array()); // more than 48 KiB: paused
            await().atMost(Duration.ofSeconds(5)).until(() -> server.server.connectionsPaused() == 1);

            // A 40 KiB request fits neither beside the hog nor in the headroom: it waits, paused.
            waiter.send(RawClient.header(ApiKeys.API_VERSIONS, 3, 7), new ApiVersionsRequestData()
                    .setClientSoftwareName("a".repeat(30 * 1024)).setClientSoftwareVersion("1".repeat(10 * 1024)));
            await().atMost(Duration.ofSeconds(5)).until(() -> server.server.connectionsPaused() == 2);

            hog.close();
            RawClient.Response response = waiter.receive(ApiKeys.API_VERSIONS, (short) 3);
            assertThat(response.correlationId()).isEqualTo(7);
            assertThat(new ApiVersionsResponseData(response.readable(), (short) 3).errorCode()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.server.connectionsPaused() == 0);
        }
    }
}
