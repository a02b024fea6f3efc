package io.streambus.bench.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Starts one system as a separate process on loopback ports, with its data in a fresh directory. */
public interface BrokerLauncher {

    /**
     * Prepares {@code runDir} (config, data directory) and starts the broker; returns as soon as the
     * process exists, without waiting for it to be ready (the cold-start measurement does that).
     */
    BrokerProcess launch(BrokerSetup setup, Path runDir) throws IOException, InterruptedException;

    /**
     * The files the broker's JVM reads as it starts (jars, the AOT cache). The harness reads them before
     * each launch, so that every cold start begins with its program in the page cache: the producer
     * workloads write tens of GB and evict them, unevenly from one setup to the next, and Kafka's format
     * step (a JVM on the same class path, run just before the launch) would otherwise warm Kafka's alone.
     */
    List<Path> programFiles();

    /** The exact JVM options used, for the report. */
    String describeJvm();
}
