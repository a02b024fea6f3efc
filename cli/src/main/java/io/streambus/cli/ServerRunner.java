package io.streambus.cli;

import io.streambus.server.StreamBusServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a started server until it stops; returns the exit code. */
@FunctionalInterface
public interface ServerRunner {

    int run(StreamBusServer server) throws InterruptedException;

    /**
     * Until the process is told to stop: SIGTERM or Ctrl-C run a shutdown hook that closes the server
     * (components in reverse order) before the JVM exits.
     */
    static ServerRunner untilSignalled() {
        return server -> {
            Logger log = LoggerFactory.getLogger(ServerRunner.class);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("streambus-signal").unstarted(() -> {
                log.info("[Server] stop requested");
                server.close();
            }));
            server.awaitShutdown();
            return 0;
        };
    }
}
