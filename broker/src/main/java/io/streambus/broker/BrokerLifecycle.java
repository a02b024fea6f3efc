package io.streambus.broker;

import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.metadata.config.ConfigResolver;
import io.streambus.metadata.controller.BrokerHeartbeatRequest;
import io.streambus.metadata.controller.BrokerHeartbeatResult;
import io.streambus.metadata.controller.BrokerRegistrationRequest;
import io.streambus.metadata.controller.BrokerRegistrationResult;
import io.streambus.metadata.controller.ControllerService;
import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.loader.MetadataLoader;
import io.streambus.metadata.log.NotControllerException;
import io.streambus.metadata.record.BrokerEndpoint;
import java.time.Duration;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This broker's membership of the cluster, as KRaft's broker lifecycle manager keeps it: registers with the
 * controller (a new incarnation each start), heartbeats every {@code broker.heartbeat.interval.ms} with the
 * metadata offset it has applied, is unfenced once caught up, registers again if the controller no longer knows
 * its epoch, and asks for a controlled shutdown when it stops.
 *
 * <p>Threading: {@link #start} and {@link #close} on the caller's thread; heartbeats on the one
 * {@code broker-heartbeat} thread. {@code brokerEpoch} is written by both, hence volatile.
 */
final class BrokerLifecycle implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerLifecycle.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    private static final long RETRY_MS = 100;
    private static final long WAIT_REPORT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final int nodeId;
    private final String rack;
    private final ControllerService controller;
    private final MetadataLoader metadata;
    private final long heartbeatIntervalMs;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("broker-heartbeat").daemon().factory());
    private List<BrokerEndpoint> endpoints = List.of();
    private volatile long brokerEpoch = -1;

    BrokerLifecycle(BrokerConfig config, ConfigResolver resolver, ControllerService controller,
                    MetadataLoader metadata) {
        this.nodeId = config.nodeId();
        this.rack = config.rack();
        this.controller = controller;
        this.metadata = metadata;
        this.heartbeatIntervalMs = resolver.brokerValue(MetadataImage.EMPTY, BrokerConfigs.BROKER_HEARTBEAT_INTERVAL_MS);
    }

    /** Registers, waits until the controller has unfenced this broker, then heartbeats on its own thread. */
    void start(List<BrokerEndpoint> advertised) {
        this.endpoints = List.copyOf(advertised);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        // In a cluster the quorum may still be electing, or the controller not yet registered: keep asking.
        BrokerRegistrationResult registered = untilAnswered(deadline, "registration", () -> controller.registerBroker(
                new BrokerRegistrationRequest(nodeId, Uuid.randomUuid(), endpoints, rack)));
        if (registered.error().isFailure()) {
            throw new IllegalStateException("[Broker " + nodeId + "] registration refused: "
                    + registered.error().messageOrDefault());
        }
        brokerEpoch = registered.brokerEpoch();
        BrokerHeartbeatResult first = untilAnswered(deadline, "first heartbeat", () -> heartbeat(false));
        while (first.error().isSuccess() && first.isFenced() && System.nanoTime() < deadline) {
            pause(); // not caught up with the metadata log yet
            first = untilAnswered(deadline, "heartbeat", () -> heartbeat(false));
        }
        if (first.error().isFailure() || first.isFenced()) {
            throw new IllegalStateException("[Broker " + nodeId + "] the controller did not unfence this broker: "
                    + first);
        }
        heartbeats.scheduleWithFixedDelay(this::heartbeatQuietly, heartbeatIntervalMs, heartbeatIntervalMs,
                TimeUnit.MILLISECONDS);
    }

    /**
     * The first answer the controller gives before {@code deadline}. Not knowing the controller (an election,
     * NOT_CONTROLLER) or not reaching it is retried; any answer, success or error, is returned.
     */
    private <T> T untilAnswered(long deadline, String what, Supplier<CompletableFuture<T>> call) {
        long nextReport = System.nanoTime() + WAIT_REPORT_NANOS;
        while (true) {
            try {
                T answer = call.get().orTimeout(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
                if (!(answer instanceof BrokerRegistrationResult r && r.error().error() == Errors.NOT_CONTROLLER)
                        && !(answer instanceof BrokerHeartbeatResult h && h.error().error() == Errors.NOT_CONTROLLER)) {
                    return answer;
                }
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof NotControllerException || e.getCause() instanceof UncheckedIOException)
                        || System.nanoTime() >= deadline) {
                    throw e;
                }
                log.debug("[Broker {}] {} not answered yet: {}", nodeId, what, e.getCause().getMessage());
            }
            if (System.nanoTime() >= nextReport) {
                // an operator starting one node of three sees why it is not serving yet
                log.info("[Broker {}] waiting for the metadata quorum to elect a controller and answer the {}",
                        nodeId, what);
                nextReport = System.nanoTime() + WAIT_REPORT_NANOS;
            }
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException("[Broker " + nodeId + "] no controller answered the " + what
                        + " within " + START_TIMEOUT.toSeconds() + " s");
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    long brokerEpoch() {
        return brokerEpoch;
    }

    private void register() {
        BrokerRegistrationResult result = controller.registerBroker(new BrokerRegistrationRequest(nodeId,
                Uuid.randomUuid(), endpoints, rack)).orTimeout(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        if (result.error().isFailure()) {
            throw new IllegalStateException("[Broker " + nodeId + "] registration refused: "
                    + result.error().messageOrDefault());
        }
        brokerEpoch = result.brokerEpoch();
    }

    private java.util.concurrent.CompletableFuture<BrokerHeartbeatResult> heartbeat(boolean wantShutDown) {
        return controller.brokerHeartbeat(new BrokerHeartbeatRequest(nodeId, brokerEpoch,
                metadata.current().offset(), false, wantShutDown));
    }

    private void heartbeatQuietly() {
        try {
            BrokerHeartbeatResult result = heartbeat(false).join();
            Errors error = result.error().error();
            if (error == Errors.STALE_BROKER_EPOCH || error == Errors.BROKER_ID_NOT_REGISTERED) {
                log.warn("[Broker {}] the controller does not know epoch {} ({}); registering again", nodeId,
                        brokerEpoch, error);
                register();
            } else if (result.error().isFailure()) {
                log.warn("[Broker {}] heartbeat failed: {}", nodeId, result.error().messageOrDefault());
            }
        } catch (RuntimeException e) {
            // The next heartbeat retries; the controller fences this broker if they keep failing.
            log.warn("[Broker {}] heartbeat failed: {}", nodeId, e.toString());
        }
    }

    /** Stops heartbeating after telling the controller this broker is shutting down (best effort, bounded). */
    @Override
    public void close() {
        heartbeats.shutdownNow();
        if (brokerEpoch < 0) {
            return;
        }
        try {
            heartbeat(true).orTimeout(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        } catch (RuntimeException e) {
            log.warn("[Broker {}] controlled shutdown request failed: {}", nodeId, e.toString());
        }
    }
}
