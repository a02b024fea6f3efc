package io.streambus.metadata.controller;

import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.metadata.config.ConfigResolver;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.loader.MetadataLoader;
import io.streambus.metadata.log.MetadataLog;
import io.streambus.metadata.log.MetadataLogException;
import io.streambus.metadata.log.NotControllerException;
import io.streambus.metadata.record.ConfigResource;
import io.streambus.metadata.record.MetadataRecord;
import io.streambus.metadata.record.ProducerIdsRecord;
import io.streambus.storage.Time;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door for every change to cluster state. Each operation validates against the
 * current image, turns the request into records, appends them to the metadata log, waits for
 * the commit, and returns per-item results ({@link ApiError} with Kafka's error codes). Nothing
 * here changes state directly: the image changes only when the loader replays the records.
 *
 * <p>Threading: one thread, {@code controller}, runs operations one at a time, so each sees
 * the image including every earlier operation's records (the log delivers a batch to the
 * loader before completing the append). It blocks on the append; the log has its own thread.
 * Public methods are thread-safe and never block. If a commit fails, the returned future
 * completes exceptionally with {@link MetadataLogException}.
 *
 * <p>The {@link MetadataLoader} must be registered with the same log.
 */
public final class ControllerService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControllerService.class);
    private static final String PREFIX = "[Controller] ";

    private final MetadataLog metadataLog;
    private final MetadataLoader loader;
    private final ConfigResolver resolver;
    private final Supplier<Uuid> idGenerator;
    private final ScheduledExecutorService thread;
    private final Time time;
    private BrokerSessions sessions; // replaced when this node becomes the active controller; controller thread
    private boolean active; // controller thread
    private volatile ControllerForwarder forwarder;

    /**
     * @param resolver    broker defaults ({@code num.partitions}, {@code default.replication.factor}, ...)
     * @param idGenerator source of topic ids; {@code Uuid::randomUuid} in production, seeded in tests
     */
    public ControllerService(MetadataLog metadataLog, MetadataLoader loader, ConfigResolver resolver,
                             Supplier<Uuid> idGenerator, Time time) {
        this.metadataLog = Objects.requireNonNull(metadataLog, "metadataLog");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.idGenerator = Objects.requireNonNull(idGenerator, "idGenerator");
        this.time = Objects.requireNonNull(time, "time");
        this.sessions = new BrokerSessions(time.nanoseconds());
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("controller").daemon().factory());
        // Checked at a quarter of the timeout: a silent broker is fenced within 1.25 session timeouts.
        long checkMs = Math.max(1, resolver.brokerValue(MetadataImage.EMPTY, BrokerConfigs.BROKER_SESSION_TIMEOUT_MS)
                / 4);
        thread.scheduleWithFixedDelay(this::fenceExpiredBrokers, checkMs, checkMs, TimeUnit.MILLISECONDS);
    }

    public ControllerService(MetadataLog metadataLog, MetadataLoader loader, ConfigResolver resolver,
                             Supplier<Uuid> idGenerator) {
        this(metadataLog, loader, resolver, idGenerator, Time.SYSTEM);
    }

    public ControllerService(MetadataLog metadataLog, MetadataLoader loader, ConfigResolver resolver) {
        this(metadataLog, loader, resolver, Uuid::randomUuid);
    }

    /**
     * Where operations go when another node is the active controller. Without one (a single node, or tests),
     * they fail there with NOT_CONTROLLER; with one, every operation a client or a broker asks of a follower is
     * forwarded: topics, partitions and configs as KRaft's brokers forward them, and the brokers' own calls
     * (registration, heartbeats, producer-id blocks). Fencing and unregistration stay with the active controller.
     */
    public void forwardTo(ControllerForwarder forwarder) {
        this.forwarder = forwarder;
    }

    /** The forwarder to use now: set, and this node is not the active controller. */
    private ControllerForwarder forwarding() {
        ControllerForwarder current = forwarder;
        return current != null && !metadataLog.isActiveController() ? current : null;
    }

    /** CreateTopics: one result per requested topic, in request order. */
    public CompletableFuture<List<CreateTopicResult>> createTopics(List<CreatableTopic> topics, boolean validateOnly) {
        ControllerForwarder remote = forwarding();
        return remote != null ? remote.createTopics(topics, validateOnly) : createTopicsLocally(topics, validateOnly);
    }

    /** CreateTopics on this node's controller, never forwarded: for requests forwarded here. */
    public CompletableFuture<List<CreateTopicResult>> createTopicsLocally(List<CreatableTopic> topics,
                                                                          boolean validateOnly) {
        List<CreatableTopic> copy = List.copyOf(topics);
        return run("createTopics", image ->
                new CreateTopicsOperation(image, resolver, idGenerator).run(copy, validateOnly));
    }

    /** DeleteTopics: results for the names first, then the ids, each in request order. */
    public CompletableFuture<List<DeleteTopicResult>> deleteTopics(List<String> names, List<Uuid> ids) {
        ControllerForwarder remote = forwarding();
        if (remote != null) {
            return remote.deleteTopics(names, ids);
        }
        List<String> namesCopy = List.copyOf(names);
        List<Uuid> idsCopy = ids.stream().toList();
        return run("deleteTopics", image -> new DeleteTopicsOperation(image,
                resolver.brokerValue(image, BrokerConfigs.DELETE_TOPIC_ENABLE))
                .run(namesCopy, idsCopy));
    }

    /** CreatePartitions: one result per topic, in request order. */
    public CompletableFuture<List<CreatePartitionsResult>> createPartitions(List<PartitionsIncrease> increases,
                                                                            boolean validateOnly) {
        ControllerForwarder remote = forwarding();
        if (remote != null) {
            return remote.createPartitions(increases, validateOnly);
        }
        List<PartitionsIncrease> copy = List.copyOf(increases);
        return run("createPartitions", image -> new CreatePartitionsOperation(image).run(copy, validateOnly));
    }

    /** IncrementalAlterConfigs on topic and broker resources (broker "" = cluster default). */
    public CompletableFuture<Map<ConfigResource, ApiError>> incrementalAlterConfigs(
            Map<ConfigResource, List<AlterConfigOp>> changes, boolean validateOnly) {
        ControllerForwarder remote = forwarding();
        if (remote != null) {
            return remote.incrementalAlterConfigs(changes, validateOnly);
        }
        Map<ConfigResource, List<AlterConfigOp>> copy = new LinkedHashMap<>(changes);
        return run("incrementalAlterConfigs", image -> new ConfigChangeOperation(image).incremental(copy, validateOnly));
    }

    /** Legacy AlterConfigs: each resource's overrides become exactly the given map. */
    public CompletableFuture<Map<ConfigResource, ApiError>> alterConfigs(
            Map<ConfigResource, Map<String, String>> configs, boolean validateOnly) {
        ControllerForwarder remote = forwarding();
        if (remote != null) {
            return remote.alterConfigs(configs, validateOnly);
        }
        Map<ConfigResource, Map<String, String>> copy = new LinkedHashMap<>(configs);
        return run("alterConfigs", image -> new ConfigChangeOperation(image).replace(copy, validateOnly));
    }

    /** Hands the broker the next block of {@link ProducerIdsBlock#BLOCK_SIZE} producer ids, persisted before use. */
    public CompletableFuture<ProducerIdsResult> allocateProducerIds(int brokerId) {
        ControllerForwarder remote = forwarding();
        return remote != null ? remote.allocateProducerIds(brokerId) : allocateProducerIdsLocally(brokerId);
    }

    /** AllocateProducerIds on this node's controller, never forwarded. */
    public CompletableFuture<ProducerIdsResult> allocateProducerIdsLocally(int brokerId) {
        return run("allocateProducerIds", image -> {
            if (image.cluster().broker(brokerId).isEmpty()) {
                return new ControllerResult<>(List.of(), new ProducerIdsResult(ApiError.of(
                        Errors.BROKER_ID_NOT_REGISTERED, "Broker " + brokerId + " is not registered."), null));
            }
            long first = image.producerIds().nextProducerId();
            if (first > Long.MAX_VALUE - ProducerIdsBlock.BLOCK_SIZE) {
                return new ControllerResult<>(List.of(), new ProducerIdsResult(ApiError.of(
                        Errors.UNKNOWN_SERVER_ERROR, "Exhausted all producer ids."), null));
            }
            ProducerIdsBlock block = new ProducerIdsBlock(brokerId, first, ProducerIdsBlock.BLOCK_SIZE);
            return new ControllerResult<>(List.of(new ProducerIdsRecord(brokerId, first + ProducerIdsBlock.BLOCK_SIZE)),
                    new ProducerIdsResult(ApiError.NONE, block));
        });
    }

    /**
     * Registers (or re-registers) a broker. A new registration gets a new epoch and starts fenced; the same
     * incarnation registering again is answered with its epoch and writes nothing; another incarnation under an
     * id whose holder still heartbeats is DUPLICATE_BROKER_REGISTRATION.
     */
    public CompletableFuture<BrokerRegistrationResult> registerBroker(BrokerRegistrationRequest request) {
        ControllerForwarder remote = forwarding();
        return remote != null ? remote.registerBroker(request) : registerBrokerLocally(request);
    }

    /** BrokerRegistration on this node's controller, never forwarded. */
    public CompletableFuture<BrokerRegistrationResult> registerBrokerLocally(BrokerRegistrationRequest request) {
        return run("registerBroker", image -> {
            ControllerResult<BrokerRegistrationResult> result = membership(image).register(request);
            if (!result.records().isEmpty()) {
                log.info("{}Registering broker {} (incarnation {}, epoch {}), fenced until it catches up", PREFIX,
                        request.brokerId(), request.incarnation(), result.response().brokerEpoch());
            }
            return result;
        });
    }

    /** A broker's heartbeat: keeps its session, unfences it once caught up, fences it or starts its shutdown. */
    public CompletableFuture<BrokerHeartbeatResult> brokerHeartbeat(BrokerHeartbeatRequest request) {
        ControllerForwarder remote = forwarding();
        return remote != null ? remote.brokerHeartbeat(request) : brokerHeartbeatLocally(request);
    }

    /** BrokerHeartbeat on this node's controller, never forwarded. */
    public CompletableFuture<BrokerHeartbeatResult> brokerHeartbeatLocally(BrokerHeartbeatRequest request) {
        return run("brokerHeartbeat", image -> {
            ControllerResult<BrokerHeartbeatResult> result = membership(image).heartbeat(request);
            result.records().forEach(record -> log.info("{}Broker {}: {}", PREFIX, request.brokerId(), record));
            return result;
        });
    }

    /** Fences the brokers whose session expired; run periodically, and by tests after moving the clock. */
    public CompletableFuture<List<Integer>> fenceExpiredBrokers() {
        if (!metadataLog.isActiveController()) {
            return CompletableFuture.completedFuture(List.of()); // the active controller fences; followers have no sessions
        }
        return run("fenceExpiredBrokers", image -> {
            ControllerResult<List<Integer>> result = membership(image).fenceExpired();
            result.response().forEach(id -> log.info("{}Fencing broker {}: no heartbeat for {} ms", PREFIX, id,
                    sessionTimeoutMs(image)));
            return result;
        });
    }

    /** UnregisterBroker: removes a broker's registration (it must not be running). */
    public CompletableFuture<ApiError> unregisterBroker(int brokerId) {
        return run("unregisterBroker", image -> membership(image).unregister(brokerId));
    }

    private ClusterMembershipOperation membership(MetadataImage image) {
        return new ClusterMembershipOperation(image, sessions, time.nanoseconds(),
                TimeUnit.MILLISECONDS.toNanos(sessionTimeoutMs(image)));
    }

    private long sessionTimeoutMs(MetadataImage image) {
        return resolver.brokerValue(image, BrokerConfigs.BROKER_SESSION_TIMEOUT_MS);
    }

    /** The image the controller validates against; the same as the loader's. */
    public MetadataImage image() {
        return loader.current();
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> CompletableFuture<T> run(String operation, Function<MetadataImage, ControllerResult<T>> body) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    checkActive();
                    ControllerResult<T> result = body.apply(loader.current());
                    if (!result.records().isEmpty()) {
                        commit(result.records());
                    }
                    future.complete(result.response());
                } catch (Throwable t) {
                    if (t instanceof NotControllerException) {
                        log.debug("{}{} refused: {}", PREFIX, operation, t.getMessage());
                    } else {
                        log.warn("{}{} failed: {}", PREFIX, operation, t.toString());
                    }
                    future.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new MetadataLogException(PREFIX + "controller is closed"));
        }
        return future;
    }

    /**
     * Refuses to work anywhere but on the active controller, before validating: a follower's image may lag. A node
     * that has just become the active controller starts its broker sessions afresh, as KRaft's new controller
     * does: every broker gets one session timeout from now before it can be fenced.
     */
    private void checkActive() {
        boolean nowActive = metadataLog.isActiveController();
        if (nowActive && !active) {
            sessions = new BrokerSessions(time.nanoseconds());
            log.info("{}active: this node is the controller", PREFIX);
        } else if (!nowActive && active) {
            log.info("{}no longer the active controller", PREFIX);
        }
        active = nowActive;
        if (!nowActive) {
            throw new NotControllerException(PREFIX + "this node is not the active controller",
                    metadataLog.activeController(-1), null);
        }
    }

    private void commit(List<MetadataRecord> records) {
        long offset;
        try {
            offset = metadataLog.append(records).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof MetadataLogException mle) {
                throw mle;
            }
            throw new MetadataLogException("metadata append failed: " + e.getCause(), e.getCause());
        }
        if (loader.current().offset() < offset) {
            // The loader is not registered with this log: later operations would validate against a stale image.
            throw new IllegalStateException("metadata loader is behind the log (" + loader.current().offset()
                    + " < " + offset + "); register it with the log");
        }
    }
}
