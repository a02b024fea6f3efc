package io.streambus.server;

import io.streambus.server.config.ServerConfig;
import io.streambus.server.data.DataDirectory;
import io.streambus.storage.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running StreamBus node. {@link #start(ServerConfig)} applies the log level, takes and identifies
 * the data directory, starts the {@link ServerComponent}s in order and reports one ready line;
 * {@link #close()} stops the components in reverse order, within {@code streambus.shutdown.timeout.ms},
 * and releases the data directory.
 *
 * <p>Threads: started by the caller's thread. {@link #close()} may be called from any thread (the
 * shutdown hook, a test) and any number of times; the first call does the work, under {@code closeLock},
 * and later ones wait for it. {@link #awaitShutdown()} waits for it from any thread.
 */
public final class StreamBusServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamBusServer.class);

    private final ServerConfig config;
    private final DataDirectory dataDirectory;
    private final ServerComponents components;
    private final String readyLine;
    private final long startupMs;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object closeLock = new Object();
    private boolean closed; // guarded by closeLock

    private StreamBusServer(ServerConfig config, DataDirectory dataDirectory, ServerComponents components,
                            String readyLine, long startupMs) {
        this.config = config;
        this.dataDirectory = dataDirectory;
        this.components = components;
        this.readyLine = readyLine;
        this.startupMs = startupMs;
    }

    /** Starts a node with the components of this build, logging the ready line. */
    public static StreamBusServer start(ServerConfig config) {
        return builder(config).start();
    }

    public static Builder builder(ServerConfig config) {
        return new Builder(config);
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /** Blocks until {@link #close()} has finished or the timeout passes; returns whether it finished. */
    public boolean awaitShutdown(long timeoutMs) throws InterruptedException {
        return stopped.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    public ServerConfig config() {
        return config;
    }

    public DataDirectory dataDirectory() {
        return dataDirectory;
    }

    public String clusterId() {
        return dataDirectory.meta().clusterId();
    }

    /** The line reported when the server became ready. */
    public String readyLine() {
        return readyLine;
    }

    /** Time from the start the builder was given (by default, the call to start) to ready. */
    public long startupMs() {
        return startupMs;
    }

    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
            LOG.info("[Server] shutting down");
            long timeoutMs = config.shutdownTimeoutMs();
            // On its own thread so that a stuck component cannot hold the process past the timeout.
            Thread closer = Thread.ofPlatform().name("streambus-shutdown").start(components::close);
            try {
                closer.join(timeoutMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (closer.isAlive()) {
                LOG.error("[Server] components did not stop within streambus.shutdown.timeout.ms={}; abandoning them",
                        timeoutMs);
            }
            dataDirectory.close();
            LOG.info("[Server] stopped");
            stopped.countDown();
        }
    }

    /** Options of a start; each has a default. Not thread-safe; used once. */
    public static final class Builder {

        private final ServerConfig config;
        private Time time = Time.SYSTEM;
        private Long startNanos;
        private final List<ServerComponent.Factory> factories = new ArrayList<>();
        private Supplier<String> clusterIdSupplier = () -> Uuid.randomUuid().toString();
        private Consumer<String> readyListener = line -> LOG.info("{}", line);

        private Builder(ServerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        public Builder time(Time clock) {
            this.time = clock;
            return this;
        }

        /** When start-up began, in {@link Time#nanoseconds()}; e.g. the JVM's start, so the ready line tells the truth. */
        public Builder startedAtNanos(long nanos) {
            this.startNanos = nanos;
            return this;
        }

        /** A component, started after those added before it and stopped before them. */
        public Builder component(ServerComponent.Factory factory) {
            factories.add(factory);
            return this;
        }

        /** Makes the id of a new cluster (default: a random Kafka-style base64 UUID). */
        public Builder clusterIdSupplier(Supplier<String> supplier) {
            this.clusterIdSupplier = supplier;
            return this;
        }

        /** Gets the ready line (default: logged at INFO). */
        public Builder readyListener(Consumer<String> listener) {
            this.readyListener = listener;
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws io.streambus.server.data.DataDirectoryException if the data directory cannot be used
         * @throws ServerStartupException if a component fails to start (the others are stopped again)
         */
        public StreamBusServer start() {
            long begin = startNanos != null ? startNanos : time.nanoseconds();
            LogLevels.apply(config.logLevel());
            DataDirectory dataDirectory = DataDirectory.open(config.dataDir(), config.nodeId(),
                    config.quorum().<Supplier<String>>map(quorum -> quorum::clusterId).orElse(clusterIdSupplier));
            ServerComponents components;
            try {
                ServerContext context = new ServerContext(config, dataDirectory.meta(), dataDirectory.path(), time);
                List<ServerComponent> created = new ArrayList<>();
                for (ServerComponent.Factory factory : factories) {
                    created.add(factory.create(context));
                }
                components = new ServerComponents(created);
                components.start();
            } catch (RuntimeException e) {
                dataDirectory.close();
                throw e;
            }
            long startupMs = TimeUnit.NANOSECONDS.toMillis(time.nanoseconds() - begin);
            String line = ReadyLine.format(StreamBusVersion.current(), startupMs, components.boundListeners(),
                    config.dataDir());
            StreamBusServer server = new StreamBusServer(config, dataDirectory, components, line, startupMs);
            readyListener.accept(line);
            return server;
        }
    }
}
