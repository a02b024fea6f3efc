package io.streambus.broker;

import io.streambus.broker.controller.ControllerChannel;
import io.streambus.broker.coordinator.group.GroupCoordinatorService;
import io.streambus.broker.coordinator.group.GroupLag;
import io.streambus.broker.coordinator.transaction.TransactionCoordinatorService;
import io.streambus.broker.partition.PartitionManager;
import io.streambus.broker.partition.ReplicaManager;
import io.streambus.broker.producer.ProducerIdManager;
import io.streambus.broker.purgatory.DelayedOperationTimer;
import io.streambus.metadata.config.ConfigResolver;
import io.streambus.metadata.controller.ControllerService;
import io.streambus.metadata.loader.MetadataLoader;
import io.streambus.metadata.log.MetadataLog;
import io.streambus.storage.LogManager;
import io.streambus.storage.Time;
import java.util.Optional;

/**
 * The components API handlers are built from. Handlers take the few they need in their constructors;
 * this record only carries them from {@link Broker} to {@link BrokerApis}.
 */
public record BrokerServices(BrokerConfig config,
                             Time time,
                             MetadataLoader metadata,
                             MetadataLog metadataLog,
                             ControllerService controller,
                             Optional<ControllerChannel> controllerChannel,
                             ConfigResolver configResolver,
                             PartitionManager partitions,
                             LogManager logs,
                             DelayedOperationTimer timer,
                             ReplicaManager replicas,
                             ProducerIdManager producerIds,
                             GroupCoordinatorService groupCoordinator,
                             TransactionCoordinatorService transactionCoordinator,
                             GroupLag groupLag) {
}
