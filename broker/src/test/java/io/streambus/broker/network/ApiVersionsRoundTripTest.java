package io.streambus.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.streambus.broker.api.ApiHandlerRegistry;

class ApiVersionsRoundTripTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(ApiHandlerRegistry.builder().build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 3, 4})
    void everySupportedVersionRoundTrips(short version) throws IOException {
        // Built with kafka-clients' own request classes, as a real client would.
        ApiVersionsRequest request = new ApiVersionsRequest.Builder().build(version);
        RequestHeader header = RawClient.header(ApiKeys.API_VERSIONS, version, 1000 + version);
        ByteBuffer payload = request.serializeWithHeader(header);
        try (RawClient client = server.connect()) {
            client.sendRaw(ByteBuffer.allocate(4 + payload.remaining()).putInt(payload.remaining()).put(payload).array());
            RawClient.Response response = client.receive(ApiKeys.API_VERSIONS, version);

            assertThat(response.correlationId()).isEqualTo(1000 + version);
            ApiVersionsResponse parsed = ApiVersionsResponse.parse(response.readable(), version);
            assertThat(parsed.data().errorCode()).isEqualTo(Errors.NONE.code());
            ApiVersion apiVersions = parsed.apiVersion(ApiKeys.API_VERSIONS.id);
            assertThat(apiVersions.minVersion()).isEqualTo((short) 0);
            assertThat(apiVersions.maxVersion()).isEqualTo((short) 4);
            // Only implemented APIs are advertised: this registry has ApiVersions alone.
            assertThat(parsed.data().apiKeys()).hasSize(1);
            if (version >= 3) {
                assertThat(parsed.data().finalizedFeaturesEpoch()).isEqualTo(-1L);
                assertThat(parsed.data().supportedFeatures()).isEmpty();
                assertThat(parsed.data().finalizedFeatures()).isEmpty();
            }
        }
    }

    @Test
    void versionAboveSupportedGetsV0UnsupportedVersionWithRanges() throws IOException {
        short futureVersion = 9;
        // A future client's header; its body is something we cannot parse, and must not try to.
        RequestHeaderData header = new RequestHeaderData().setRequestApiKey(ApiKeys.API_VERSIONS.id)
                .setRequestApiVersion(futureVersion).setCorrelationId(77).setClientId("future-client");
        short headerVersion = ApiKeys.API_VERSIONS.requestHeaderVersion(futureVersion);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int headerSize = header.size(cache, headerVersion);
        byte[] futureBody = {1, 2, 3, 4, 5, 6, 7};
        ByteBuffer frame = ByteBuffer.allocate(4 + headerSize + futureBody.length);
        frame.putInt(headerSize + futureBody.length);
        header.write(new ByteBufferAccessor(frame), cache, headerVersion);
        frame.put(futureBody);

        try (RawClient client = server.connect()) {
            client.sendRaw(frame.array());
            RawClient.Response response = client.receive(ApiKeys.API_VERSIONS, (short) 0);

            assertThat(response.correlationId()).isEqualTo(77);
            ApiVersionsResponseData data = new ApiVersionsResponseData(response.readable(), (short) 0);
            assertThat(data.errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
            ApiVersion range = data.apiKeys().find(ApiKeys.API_VERSIONS.id);
            assertThat(range.maxVersion()).isEqualTo((short) 4);
            // The connection stays usable: the client retries at a version we serve.
            client.send(RawClient.header(ApiKeys.API_VERSIONS, 4, 78), new ApiVersionsRequestData()
                    .setClientSoftwareName("future-client").setClientSoftwareVersion("9.0"));
            RawClient.Response retry = client.receive(ApiKeys.API_VERSIONS, (short) 4);
            assertThat(retry.correlationId()).isEqualTo(78);
            assertThat(new ApiVersionsResponseData(retry.readable(), (short) 4).errorCode()).isZero();
        }
    }

    @Test
    void invalidClientSoftwareNameIsInvalidRequest() throws IOException {
        try (RawClient client = server.connect()) {
            client.send(RawClient.header(ApiKeys.API_VERSIONS, 3, 5), new ApiVersionsRequestData()
                    .setClientSoftwareName("bad name!").setClientSoftwareVersion("1"));
            RawClient.Response response = client.receive(ApiKeys.API_VERSIONS, (short) 3);
            assertThat(new ApiVersionsResponseData(response.readable(), (short) 3).errorCode())
                    .isEqualTo(Errors.INVALID_REQUEST.code());
        }
    }
}
