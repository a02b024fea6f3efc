package io.streambus.bench.compare;

import java.io.IOException;
import java.nio.file.Path;

/** Starts one system as a separate process on loopback ports, with its data in a fresh directory. */
public interface BrokerLauncher {

    /**
     * Prepares {@code runDir} (config, data directory) and starts the broker; returns as soon as the
     * process exists, without waiting for it to be ready (the cold-start measurement does that).
     */
    BrokerProcess launch(BrokerSetup setup, Path runDir) throws IOException, InterruptedException;

    /** The exact JVM options used, for the report. */
    String describeJvm();
}
