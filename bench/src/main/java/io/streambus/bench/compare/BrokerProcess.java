package io.streambus.bench.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker running as a separate JVM process, started by a {@link BrokerLauncher}. Owned by the
 * harness's main thread.
 *
 * @see ProcFs for what {@link #sample()} reads
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerProcess.class);
    private static final long STOP_TIMEOUT_S = 60;

    private final BrokerSetup setup;
    private final Process process;
    private final long launchedAtNs;
    private final String bootstrapServers;
    private final Path gcLog;
    private final Path consoleLog;

    BrokerProcess(BrokerSetup setup, Process process, long launchedAtNs, String bootstrapServers, Path gcLog,
                  Path consoleLog) {
        this.setup = setup;
        this.process = process;
        this.launchedAtNs = launchedAtNs;
        this.bootstrapServers = bootstrapServers;
        this.gcLog = gcLog;
        this.consoleLog = consoleLog;
    }

    public BrokerSetup setup() {
        return setup;
    }

    /** System.nanoTime() just before the process was started: the origin of the cold-start time. */
    public long launchedAtNs() {
        return launchedAtNs;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public long pid() {
        return process.pid();
    }

    public Path gcLog() {
        return gcLog;
    }

    public Path consoleLog() {
        return consoleLog;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes when the process exits, for whatever reason. */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    public ProcessSample sample() throws IOException {
        return ProcFs.sample(process.pid());
    }

    /**
     * Stops the broker cleanly (SIGTERM), forcibly if it has not exited within a minute or if the waiting
     * thread is interrupted (the interrupt is kept).
     */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_S, TimeUnit.SECONDS)) {
                LOG.warn("[{}] did not stop within {} s of SIGTERM; killing it", setup.id(), STOP_TIMEOUT_S);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
