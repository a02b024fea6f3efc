package io.streambus.metadata.controller;

import io.streambus.metadata.config.ConfigResolver;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.loader.MetadataLoader;
import io.streambus.metadata.log.LocalMetadataLog;
import io.streambus.metadata.record.BrokerEndpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import io.streambus.storage.testing.ManualTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/** A real local log, loader and controller in a temp directory, with brokers registered. */
final class ControllerFixture implements AutoCloseable {

    final LocalMetadataLog log;
    final MetadataLoader loader = new MetadataLoader();
    final ControllerService controller;
    final ManualTime time = new ManualTime();

    ControllerFixture(Path dir, Map<String, String> staticConfigs, int... brokerIds) {
        log = LocalMetadataLog.open(dir);
        log.register(loader).join();
        Random random = new Random(42);
        controller = new ControllerService(log, loader, new ConfigResolver(brokerIds.length == 0 ? 1 : brokerIds[0],
                staticConfigs), () -> new Uuid(random.nextLong(), random.nextLong()), time);
        for (int id : brokerIds) {
            BrokerRegistrationResult registered = join(controller.registerBroker(new BrokerRegistrationRequest(id,
                    new Uuid(id, 1), List.of(new BrokerEndpoint("PLAINTEXT", "127.0.0.1", 9092 + id)), null)));
            if (registered.error().isFailure()) {
                throw new AssertionError(registered.error());
            }
            BrokerHeartbeatResult unfenced = join(controller.brokerHeartbeat(new BrokerHeartbeatRequest(id,
                    registered.brokerEpoch(), loader.current().offset(), false, false)));
            if (unfenced.isFenced()) {
                throw new AssertionError("broker " + id + " still fenced: " + unfenced);
            }
        }
    }

    static <T> T join(CompletableFuture<T> future) {
        return future.orTimeout(10, TimeUnit.SECONDS).join();
    }

    MetadataImage image() {
        return loader.current();
    }

    CreateTopicResult create(CreatableTopic topic) {
        return join(controller.createTopics(List.of(topic), false)).getFirst();
    }

    CreateTopicResult create(String name, int partitions, int replicationFactor) {
        return create(CreatableTopic.of(name, partitions, replicationFactor));
    }

    @Override
    public void close() {
        controller.close();
        log.close();
    }
}
