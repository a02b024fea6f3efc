package io.streambus.broker;

import io.streambus.broker.api.ApiHandlerRegistry;
import io.streambus.broker.handler.admin.AlterConfigsHandler;
import io.streambus.broker.handler.admin.AutoTopicCreator;
import io.streambus.broker.handler.admin.ControllerDeadline;
import io.streambus.broker.handler.admin.CreatePartitionsHandler;
import io.streambus.broker.handler.admin.CreateTopicsHandler;
import io.streambus.broker.handler.admin.DeleteTopicsHandler;
import io.streambus.broker.handler.admin.DescribeClusterHandler;
import io.streambus.broker.handler.admin.DescribeConfigsHandler;
import io.streambus.broker.handler.admin.DescribeLogDirsHandler;
import io.streambus.broker.handler.admin.DescribeQuorumHandler;
import io.streambus.broker.handler.admin.DescribeTopicPartitionsHandler;
import io.streambus.broker.handler.admin.ElectLeadersHandler;
import io.streambus.broker.handler.admin.IncrementalAlterConfigsHandler;
import io.streambus.broker.handler.admin.ListPartitionReassignmentsHandler;
import io.streambus.broker.handler.admin.MetadataHandler;
import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.broker.handler.PartitionLookup;
import io.streambus.broker.handler.fetch.FetchHandler;
import io.streambus.broker.handler.offsets.DeleteRecordsHandler;
import io.streambus.broker.handler.offsets.ListOffsetsHandler;
import io.streambus.broker.handler.produce.ProduceHandler;
import io.streambus.broker.handler.producer.InitProducerIdHandler;
import io.streambus.broker.coordinator.group.GroupCoordinatorService;
import io.streambus.broker.coordinator.transaction.TransactionCoordinatorService;
import io.streambus.broker.handler.txn.AddOffsetsToTxnHandler;
import io.streambus.broker.handler.txn.AddPartitionsToTxnHandler;
import io.streambus.broker.handler.txn.DescribeProducersHandler;
import io.streambus.broker.handler.txn.DescribeTransactionsHandler;
import io.streambus.broker.handler.txn.EndTxnHandler;
import io.streambus.broker.handler.txn.ListTransactionsHandler;
import io.streambus.broker.handler.txn.TxnOffsetCommitHandler;
import io.streambus.broker.handler.txn.WriteTxnMarkersHandler;
import io.streambus.broker.handler.group.ConsumerGroupDescribeHandler;
import io.streambus.broker.handler.group.ConsumerGroupHeartbeatHandler;
import io.streambus.broker.handler.group.DeleteGroupsHandler;
import io.streambus.broker.handler.group.DescribeGroupsHandler;
import io.streambus.broker.handler.group.FindCoordinatorHandler;
import io.streambus.broker.handler.group.HeartbeatHandler;
import io.streambus.broker.handler.group.JoinGroupHandler;
import io.streambus.broker.handler.group.LeaveGroupHandler;
import io.streambus.broker.handler.group.ListGroupsHandler;
import io.streambus.broker.handler.group.OffsetCommitHandler;
import io.streambus.broker.handler.group.OffsetDeleteHandler;
import io.streambus.broker.handler.group.OffsetFetchHandler;
import io.streambus.broker.handler.group.SyncGroupHandler;
import io.streambus.broker.handler.controller.AllocateProducerIdsHandler;
import io.streambus.broker.handler.controller.BrokerHeartbeatHandler;
import io.streambus.broker.handler.controller.BrokerRegistrationHandler;
import io.streambus.broker.handler.quorum.AddRaftVoterHandler;
import io.streambus.broker.handler.quorum.RemoveRaftVoterHandler;
import io.streambus.metadata.log.raft.RatisMetadataLog;
import java.util.function.IntSupplier;

/**
 * The list of APIs this broker serves: one handler per Kafka API, registered here and nowhere else.
 * ApiVersions is answered from the same registry, so what is listed here is exactly what is advertised.
 */
final class BrokerApis {

    private BrokerApis() {
    }

    static ApiHandlerRegistry registry(BrokerServices services) {
        BrokerConfig config = services.config();
        ControllerDeadline deadline = new ControllerDeadline(services.timer(), services.time());
        // Read-only, so only the static configuration can set it: resolving against the empty image is exact.
        boolean autoCreate = services.configResolver().brokerValue(MetadataImage.EMPTY,
                BrokerConfigs.AUTO_CREATE_TOPICS_ENABLE);
        AutoTopicCreator autoCreator = new AutoTopicCreator(services.controller(), autoCreate);
        GroupCoordinatorService groups = services.groupCoordinator();
        TransactionCoordinatorService txns = services.transactionCoordinator();
        PartitionLookup lookup = new PartitionLookup(services.metadata()::current, services.replicas());
        // Clients send metadata changes to the controller they are told of: the quorum's leader (-1 in an election).
        IntSupplier controllerId = () -> services.metadataLog().activeController(config.nodeId()).orElse(-1);
        ApiHandlerRegistry.Builder builder = ApiHandlerRegistry.builder()
                .register(new ProduceHandler(lookup, services.time(), txns::verify))
                .register(new FetchHandler(lookup, services.time()))
                .register(new ListOffsetsHandler(lookup))
                .register(new DeleteRecordsHandler(lookup))
                .register(new InitProducerIdHandler(services.producerIds(), txns))
                .register(new AddPartitionsToTxnHandler(txns, services.metadata()::current))
                .register(new AddOffsetsToTxnHandler(txns, groups))
                .register(new TxnOffsetCommitHandler(groups, txns))
                .register(new EndTxnHandler(txns))
                .register(new WriteTxnMarkersHandler(lookup, txns))
                .register(new DescribeTransactionsHandler(txns))
                .register(new ListTransactionsHandler(txns, services.time()))
                .register(new DescribeProducersHandler(lookup))
                .register(new MetadataHandler(config.nodeId(), config.clusterId(), services.metadata(), services.logs(),
                        autoCreator, controllerId))
                .register(new DescribeTopicPartitionsHandler(config.nodeId(), services.metadata(), services.logs()))
                .register(new DescribeQuorumHandler(config.nodeId(), services.metadataLog(),
                        services.controllerChannel(), services.time()))
                .register(new DescribeClusterHandler(config.nodeId(), config.clusterId(), services.metadata(),
                        controllerId))
                .register(new CreateTopicsHandler(services.controller(), services.metadata(),
                        services.configResolver(), deadline))
                .register(new DeleteTopicsHandler(services.controller(), deadline))
                .register(new CreatePartitionsHandler(services.controller(), deadline))
                .register(new DescribeConfigsHandler(config.nodeId(), services.metadata(), services.configResolver()))
                .register(new AlterConfigsHandler(services.controller(), services.metadata()))
                .register(new IncrementalAlterConfigsHandler(services.controller(), services.metadata()))
                .register(new DescribeLogDirsHandler(services.logs()))
                .register(new ListPartitionReassignmentsHandler())
                .register(new FindCoordinatorHandler(config.nodeId(), groups, txns, services.metadata()))
                .register(new JoinGroupHandler(groups))
                .register(new SyncGroupHandler(groups))
                .register(new HeartbeatHandler(groups))
                .register(new LeaveGroupHandler(groups))
                .register(new OffsetCommitHandler(groups))
                .register(new OffsetFetchHandler(groups))
                .register(new OffsetDeleteHandler(groups))
                .register(new ListGroupsHandler(groups))
                .register(new DescribeGroupsHandler(groups))
                .register(new DeleteGroupsHandler(groups))
                .register(new ConsumerGroupHeartbeatHandler(groups))
                .register(new ConsumerGroupDescribeHandler(groups));
        if (config.inCluster()) {
            // What the other brokers of a cluster send the active controller. A single node has no one to serve.
            builder.register(new BrokerRegistrationHandler(config.clusterId(), services.controller()))
                    .register(new BrokerHeartbeatHandler(services.controller()))
                    .register(new AllocateProducerIdsHandler(services.controller()));
            if (services.metadataLog() instanceof RatisMetadataLog quorum) {
                String controllerListener = config.quorum().orElseThrow().listenerName();
                builder.register(new AddRaftVoterHandler(config.clusterId(), controllerListener, quorum,
                                services.controllerChannel()))
                        .register(new RemoveRaftVoterHandler(config.clusterId(), quorum, services.controllerChannel()));
            }
        } else {
            // One node holds every replica, so an election never changes a leader; a cluster needs the controller's.
            builder.register(new ElectLeadersHandler(services.metadata()));
        }
        return builder.build();
    }
}
