package io.streambus.it.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.streambus.it.support.Clients;
import io.streambus.it.support.InProcessBroker;
import io.streambus.it.support.RawKafkaClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every version of every API the broker advertises, walked with a well-formed request: old clients use old
 * versions (a 2.8 consumer sends Fetch v12 and JoinGroup v7, librdkafka 2.0 Metadata v9), and an advertised
 * version that answers badly breaks that whole generation of clients. Each answer must decode with
 * kafka-clients with no bytes left over and carry no error Kafka would give to the same request. Versions just
 * outside the advertised range get what Kafka gives them: the connection closed, or for ApiVersions the
 * UNSUPPORTED_VERSION answer that lets a client retry lower (KIP-511).
 */
class AdvertisedVersionsIT {

    @TempDir
    static Path dataDir;
    static InProcessBroker broker;
    static Admin admin;
    static RawKafkaClient client;
    static WalkFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        broker = InProcessBroker.start(dataDir, "group.initial.rebalance.delay.ms=0");
        admin = Clients.admin(broker.bootstrap());
        client = new RawKafkaClient(broker.port());
        fixture = new WalkFixture(admin, client);
    }

    @AfterAll
    static void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyAdvertisedVersionAnswersAWellFormedRequestWithoutError() {
        Map<ApiKeys, WellFormedRequests.Exchange> exchanges = WellFormedRequests.all();
        List<DynamicTest> tests = new ArrayList<>();
        for (ApiVersion advertised : sorted(client.advertised())) {
            ApiKeys api = ApiKeys.forId(advertised.apiKey());
            WellFormedRequests.Exchange exchange = exchanges.get(api);
            for (short version = advertised.minVersion(); version <= advertised.maxVersion(); version++) {
                short walked = version;
                if (version < api.oldestVersion()) {
                    tests.add(DynamicTest.dynamicTest(api.name + " v" + version + " (advertised, not served)",
                            () -> advertisedButNotServed(api, walked)));
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(api.name + " v" + version, () -> {
                    if (exchange == null) {
                        fail("the broker advertises %s but the walk has no well-formed request for it", api);
                    }
                    AbstractResponse response = exchange.run(fixture, client, walked);
                    assertThat(errors(response)).as("%s v%d errors", api, walked).isEmpty();
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> versionsJustOutsideTheAdvertisedRangeGetKafkasAnswer() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ApiVersion advertised : sorted(client.advertised())) {
            ApiKeys api = ApiKeys.forId(advertised.apiKey());
            for (int version : List.of(advertised.minVersion() - 1, advertised.maxVersion() + 1)) {
                if (version < api.oldestVersion() || version > api.latestVersion(true)) {
                    continue; // kafka-clients cannot write this version either: no client sends it
                }
                short outside = (short) version;
                tests.add(DynamicTest.dynamicTest(api.name + " v" + version, () -> {
                    try (RawKafkaClient fresh = new RawKafkaClient(broker.port())) {
                        if (api == ApiKeys.API_VERSIONS) {
                            ApiVersionsResponseData answer = ((ApiVersionsResponse) fresh.exchange(api, outside,
                                    api.messageType.newRequest())).data();
                            assertThat(Errors.forCode(answer.errorCode())).isEqualTo(Errors.UNSUPPORTED_VERSION);
                        } else {
                            assertThatThrownBy(() -> fresh.send(api, outside, api.messageType.newRequest()))
                                    .as("%s v%d should close the connection", api, outside)
                                    .isInstanceOf(IOException.class);
                        }
                    }
                }));
            }
        }
        return tests.stream();
    }

    /**
     * Kafka 4 advertises Produce from v0 so that old librdkafka builds, which check for v0 before they
     * compress, still produce (KAFKA-18659), but it closes the connection on a v0-v2 request, as Kafka
     * does: no client of this century sends one. kafka-clients can no longer write them, so the body is
     * encoded by hand: acks, timeout and an empty topic array.
     */
    private static void advertisedButNotServed(ApiKeys api, short version) throws IOException {
        assertThat(api).isEqualTo(ApiKeys.PRODUCE);
        byte[] body = java.nio.ByteBuffer.allocate(2 + 4 + 4).putShort((short) 1).putInt(1000).putInt(0).array();
        try (RawKafkaClient fresh = new RawKafkaClient(broker.port())) {
            assertThatThrownBy(() -> fresh.sendRaw(api, version, body)).isInstanceOf(IOException.class);
        }
    }

    private static List<ApiVersion> sorted(Map<ApiKeys, ApiVersion> advertised) {
        return advertised.values().stream().sorted(Comparator.comparingInt(ApiVersion::apiKey)).toList();
    }

    private static Map<Errors, Integer> errors(AbstractResponse response) {
        Map<Errors, Integer> counts = new java.util.EnumMap<>(Errors.class);
        response.errorCounts().forEach((error, count) -> {
            if (error != Errors.NONE) {
                counts.put(error, count);
            }
        });
        return counts;
    }
}
