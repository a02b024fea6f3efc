package io.streambus.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.broker.network.ListenerConfig;
import io.streambus.broker.network.NetworkConfig;
import io.streambus.broker.testing.ApiClient;
import io.streambus.metadata.image.BrokerRegistration;
import io.streambus.storage.LogManagerConfig;
import io.streambus.storage.testing.ManualTime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single node's membership of its own cluster: registered and unfenced once started, a new epoch per start,
 * fenced when its heartbeats stop for {@code broker.session.timeout.ms}, and then left out of Metadata as Kafka
 * leaves out fenced brokers. The clock is manual, so "stops" is a heartbeat interval longer than the test.
 */
class BrokerMembershipTest {

    @TempDir
    Path dataDir;

    @Test
    void startsUnfencedWithANewEpochEachStart() {
        ManualTime time = new ManualTime();
        long firstEpoch;
        try (Broker broker = start(time, Map.of())) {
            BrokerRegistration registration = broker.metadata().cluster().broker(1).orElseThrow();
            assertThat(registration.fenced()).isFalse();
            firstEpoch = registration.epoch();
        }
        // The controller is new after a restart: the old registration has no live session, so no duplicate.
        try (Broker broker = start(time, Map.of())) {
            assertThat(broker.metadata().cluster().broker(1).orElseThrow().epoch()).isGreaterThan(firstEpoch);
        }
    }

    @Test
    void aSilentBrokerIsFencedAfterTheSessionTimeoutAndLeftOutOfMetadata() throws Exception {
        ManualTime time = new ManualTime();
        try (Broker broker = start(time, Map.of("broker.session.timeout.ms", "5000",
                "broker.heartbeat.interval.ms", "3600000"));
             ApiClient client = new ApiClient("127.0.0.1:" + broker.boundPort("PLAINTEXT"))) {
            time.advanceMs(4_999);
            assertThat(broker.services().controller().fenceExpiredBrokers().join()).isEmpty();
            assertThat(metadataBrokers(client)).containsExactly(1);

            time.advanceMs(2);
            assertThat(broker.services().controller().fenceExpiredBrokers().join()).containsExactly(1);
            assertThat(broker.metadata().cluster().broker(1).orElseThrow().fenced()).isTrue();
            assertThat(metadataBrokers(client)).isEmpty();
            DescribeClusterResponseData all = client.request(ApiKeys.DESCRIBE_CLUSTER, 2,
                    new DescribeClusterRequestData().setIncludeFencedBrokers(true));
            assertThat(all.brokers()).singleElement().satisfies(b -> assertThat(b.isFenced()).isTrue());
            DescribeClusterResponseData unfencedOnly = client.request(ApiKeys.DESCRIBE_CLUSTER, 2,
                    new DescribeClusterRequestData());
            assertThat(unfencedOnly.brokers()).isEmpty();
        }
    }

    private static List<Integer> metadataBrokers(ApiClient client) throws Exception {
        MetadataResponseData response = client.request(ApiKeys.METADATA, 12, new MetadataRequestData()
                .setTopics(List.of()));
        return response.brokers().stream().map(MetadataResponseData.MetadataResponseBroker::nodeId).toList();
    }

    private Broker start(ManualTime time, Map<String, String> configs) {
        NetworkConfig network = NetworkConfig.defaults(new ListenerConfig("PLAINTEXT", "127.0.0.1", 0));
        return Broker.start(new BrokerConfig(1, "membership-test", dataDir, network, List.of(), configs,
                LogManagerConfig.DEFAULT), time);
    }
}
