package io.streambus.server;

import io.streambus.server.config.Listener;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one line a server prints when it is ready, e.g.
 * {@code StreamBus 0.1.0 ready in 312 ms — Kafka listener PLAINTEXT://127.0.0.1:9092, data in ./data}.
 * It names the listeners actually bound (with the real port when 0 was asked for), so what it says
 * can be connected to.
 */
public final class ReadyLine {

    private ReadyLine() {
    }

    public static String format(String version, long startupMs, List<Listener> bound, Path dataDir) {
        String listeners = switch (bound.size()) {
            case 0 -> "no Kafka listener running";
            case 1 -> "Kafka listener " + bound.getFirst();
            default -> "Kafka listeners " + bound.stream().map(Listener::toString).collect(Collectors.joining(", "));
        };
        return "StreamBus " + version + " ready in " + startupMs + " ms — " + listeners + ", data in " + dataDir;
    }
}
