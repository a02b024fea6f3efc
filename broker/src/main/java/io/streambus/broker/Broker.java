package io.streambus.broker;

import io.streambus.broker.api.ApiHandlerRegistry;
import io.streambus.broker.coordinator.group.GroupCoordinatorConfig;
import io.streambus.broker.coordinator.group.GroupCoordinatorService;
import io.streambus.broker.coordinator.group.GroupLag;
import io.streambus.broker.coordinator.transaction.TransactionCoordinatorConfig;
import io.streambus.broker.coordinator.transaction.TransactionCoordinatorService;
import io.streambus.broker.network.KafkaServer;
import io.streambus.broker.network.ListenerConfig;
import io.streambus.broker.api.BrokerException;
import io.streambus.broker.partition.PartitionManager;
import io.streambus.broker.partition.ReplicaManager;
import io.streambus.broker.producer.ProducerIdManager;
import io.streambus.broker.purgatory.DelayedOperationTimer;
import io.streambus.metadata.config.ConfigResolver;
import io.streambus.metadata.controller.ControllerService;
import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.loader.MetadataLoader;
import io.streambus.metadata.loader.MetadataSnapshotter;
import io.streambus.metadata.log.MetadataLog;
import io.streambus.broker.controller.ControllerChannel;
import io.streambus.broker.controller.RemoteController;
import io.streambus.metadata.record.BrokerEndpoint;
import io.streambus.storage.LogManager;
import io.streambus.storage.Time;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Optional;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One StreamBus broker: assembles storage, metadata, the controller, the API handlers and the network
 * server, starts them in dependency order and stops them in reverse.
 *
 * <p>Start-up order matters: the metadata log replays first (the image says which partitions exist and
 * their configs), then the log manager opens and recovers the partition logs with those configs, then the
 * network starts and the broker registers its bound addresses. Shutdown stops accepting requests first,
 * lets in-flight ones finish, and closes the logs last so that they flush and write a clean-shutdown
 * marker.
 *
 * <p>Threading: {@link #start} and {@link #close} are called by the owner's thread; everything else runs
 * on the components' own threads.
 */
public final class Broker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Broker.class);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** Coordinator shards are cheap and never block: two threads serve all __consumer_offsets partitions. */
    private static final int GROUP_COORDINATOR_THREADS = 2;
    /** Likewise for the __transaction_state partitions. */
    private static final int TRANSACTION_COORDINATOR_THREADS = 2;

    private final BrokerConfig config;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final BrokerServices services;
    private final KafkaServer server;

    private Broker(BrokerConfig config, BrokerServices services, KafkaServer server) {
        this.config = config;
        this.services = services;
        this.server = server;
    }

    /** Starts a broker; on failure, whatever had started is closed again before the exception propagates. */
    public static Broker start(BrokerConfig config, Time time) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            MetadataLog metadataLog = MetadataLogs.open(config);
            started.push(metadataLog);
            ConfigResolver resolver = new ConfigResolver(config.nodeId(), config.staticConfigs());
            MetadataLoader loader = new MetadataLoader();
            PartitionManager partitions = new PartitionManager(config.nodeId(), resolver);
            loader.addPublisher(partitions);
            // Read-only keys: the static configuration alone sets them, so the empty image resolves them exactly.
            loader.addPublisher(new MetadataSnapshotter(metadataLog, resolver.brokerValue(MetadataImage.EMPTY,
                    BrokerConfigs.METADATA_SNAPSHOT_INTERVAL_RECORDS)));
            metadataLog.register(loader).join();

            LogManager logs = LogManager.open(config.dataDir(),
                    id -> partitions.logConfig(loader.current(), id.topic()), time, config.logManager());
            started.push(logs);
            partitions.start(logs);

            ControllerService controller = new ControllerService(metadataLog, loader, resolver, Uuid::randomUuid,
                    time);
            started.push(controller);
            Optional<ControllerChannel> controllerChannel = Optional.empty();
            if (config.inCluster()) {
                ControllerChannel lifecycleChannel = new ControllerChannel(config.nodeId(), "lifecycle",
                        interBrokerListener(config), metadataLog, loader::current);
                started.push(lifecycleChannel);
                ControllerChannel adminChannel = new ControllerChannel(config.nodeId(), "admin",
                        interBrokerListener(config), metadataLog, loader::current);
                started.push(adminChannel);
                controller.forwardTo(new RemoteController(lifecycleChannel, adminChannel, config.clusterId()));
                controllerChannel = Optional.of(adminChannel);
            }
            DelayedOperationTimer timer = new DelayedOperationTimer("purgatory", time);
            timer.start();
            started.push(timer);

            ReplicaManager replicas = new ReplicaManager(partitions, timer, ReplicaManager.DEFAULT_APPEND_THREADS);
            started.push(replicas);
            ProducerIdManager producerIds = new ProducerIdManager(() -> controller.allocateProducerIds(config.nodeId())
                    .thenApply(result -> {
                        if (result.error().isFailure()) {
                            throw new BrokerException(result.error().error(), result.error().messageOrDefault());
                        }
                        return result.block();
                    }));

            GroupCoordinatorService groups = new GroupCoordinatorService(GroupCoordinatorConfig.from(resolver),
                    partitions, replicas, controller, loader, timer, time, GROUP_COORDINATOR_THREADS);
            started.push(groups);
            groups.start();
            TransactionCoordinatorService transactions = new TransactionCoordinatorService(
                    TransactionCoordinatorConfig.from(resolver), partitions, replicas, controller, loader, timer, time,
                    producerIds, groups, TRANSACTION_COORDINATOR_THREADS);
            started.push(transactions);
            transactions.start();

            BrokerServices services = new BrokerServices(config, time, loader, metadataLog, controller,
                    controllerChannel, resolver, partitions, logs, timer, replicas, producerIds, groups, transactions,
                    new GroupLag(groups, partitions));
            ApiHandlerRegistry registry = BrokerApis.registry(services);
            KafkaServer server = new KafkaServer(config.network(), registry, time);
            server.start();
            started.push(server);

            Broker broker = new Broker(config, services, server);
            BrokerLifecycle lifecycle = new BrokerLifecycle(config, resolver, controller, loader);
            // Closed before the controller and the metadata log, which its shutdown request needs.
            started.push(lifecycle);
            broker.started.addAll(started);
            lifecycle.start(broker.advertisedEndpoints());
            log.info("[Broker {}] started, cluster {}", config.nodeId(), config.clusterId());
            return broker;
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /** The listener brokers reach each other on: Kafka's default, the first (advertised) listener. */
    private static String interBrokerListener(BrokerConfig config) {
        return config.advertisedListeners().isEmpty() ? config.network().listeners().getFirst().name()
                : config.advertisedListeners().getFirst().listenerName();
    }

    private List<BrokerEndpoint> advertisedEndpoints() {
        List<BrokerEndpoint> endpoints = new ArrayList<>();
        for (BrokerConfig.AdvertisedListener listener : advertisedListeners()) {
            endpoints.add(new BrokerEndpoint(listener.listenerName(), listener.host(), listener.port()));
        }
        return endpoints;
    }

    /** The advertised listeners, with port 0 replaced by the port actually bound. */
    public List<BrokerConfig.AdvertisedListener> advertisedListeners() {
        List<BrokerConfig.AdvertisedListener> result = new ArrayList<>();
        List<BrokerConfig.AdvertisedListener> configured = config.advertisedListeners();
        if (configured.isEmpty()) {
            for (ListenerConfig listener : config.network().listeners()) {
                result.add(new BrokerConfig.AdvertisedListener(listener.name(), listener.host(),
                        server.boundPort(listener.name())));
            }
            return result;
        }
        for (BrokerConfig.AdvertisedListener listener : configured) {
            int port = listener.port() == 0 ? server.boundPort(listener.listenerName()) : listener.port();
            result.add(new BrokerConfig.AdvertisedListener(listener.listenerName(), listener.host(), port));
        }
        return result;
    }

    public int boundPort(String listenerName) {
        return server.boundPort(listenerName);
    }

    public BrokerConfig config() {
        return config;
    }

    public MetadataImage metadata() {
        return services.metadata().current();
    }

    /** The broker's components, for tests and the HTTP admin endpoints. */
    public BrokerServices services() {
        return services;
    }

    @Override
    public void close() {
        log.info("[Broker {}] shutting down", config.nodeId());
        server.shutdown(SHUTDOWN_TIMEOUT);
        started.remove(server);
        closeAll(started);
        log.info("[Broker {}] stopped", config.nodeId());
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.error("[Broker] error while closing {}", component.getClass().getSimpleName(), e);
            }
        }
    }
}
