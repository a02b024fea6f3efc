package io.streambus.broker.network;

import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

import io.streambus.broker.api.ApiHandlerRegistry;
import io.streambus.storage.Time;

/** A {@link KafkaServer} on an ephemeral 127.0.0.1 port, closed by the test. */
final class TestServer implements AutoCloseable {

    static final String LISTENER = "PLAINTEXT";

    final KafkaServer server;

    TestServer(ApiHandlerRegistry registry, UnaryOperator<NetworkConfig> tweak) {
        NetworkConfig config = tweak.apply(new NetworkConfig(List.of(new ListenerConfig(LISTENER, "127.0.0.1", 0)),
                NetworkConfig.DEFAULT_REQUEST_MAX_BYTES, NetworkConfig.DEFAULT_UNAUTHENTICATED_MAX_BYTES,
                NetworkConfig.DEFAULT_QUEUED_MAX_REQUEST_BYTES, NetworkConfig.DEFAULT_REQUEST_TIMEOUT_MS, 2));
        server = new KafkaServer(config, registry, Time.SYSTEM);
        server.start();
    }

    TestServer(ApiHandlerRegistry registry) {
        this(registry, UnaryOperator.identity());
    }

    int port() {
        return server.boundPort(LISTENER);
    }

    RawClient connect() throws IOException {
        return new RawClient(port());
    }

    /** A fresh connection's ApiVersions v3 round trip; returns the error code. */
    Errors apiVersionsRoundTrip() throws IOException {
        try (RawClient client = connect()) {
            client.send(RawClient.header(ApiKeys.API_VERSIONS, 3, 42), new ApiVersionsRequestData()
                    .setClientSoftwareName("test").setClientSoftwareVersion("1.0"));
            RawClient.Response response = client.receive(ApiKeys.API_VERSIONS, (short) 3);
            return Errors.forCode(new ApiVersionsResponseData(response.readable(), (short) 3).errorCode());
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
