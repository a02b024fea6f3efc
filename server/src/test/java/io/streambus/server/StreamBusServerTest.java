package io.streambus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.server.config.Listener;
import io.streambus.server.config.ServerConfig;
import io.streambus.server.config.ServerConfigLoader;
import io.streambus.server.data.DataDirectoryException;
import io.streambus.storage.Time;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamBusServerTest {

    @TempDir
    Path dir;

    private final List<String> events = new CopyOnWriteArrayList<>();

    private ServerConfig config(String... sets) {
        ServerConfigLoader loader = new ServerConfigLoader().set("log.dirs=" + dir.resolve("data"));
        for (String set : sets) {
            loader.set(set);
        }
        return loader.load();
    }

    /** A component that records its start and stop, optionally failing to start. */
    private ServerComponent.Factory recording(String name, boolean failOnStart) {
        return context -> new ServerComponent() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() {
                events.add("start " + name);
                if (failOnStart) {
                    throw new IllegalStateException("disk on fire");
                }
            }

            @Override
            public void close() {
                events.add("close " + name);
            }
        };
    }

    /** A component that really binds a socket, as the Kafka listener will, on the configured (ephemeral) port. */
    private static ServerComponent.Factory socketListener() {
        return context -> new ServerComponent() {
            private final Listener configured = context.config().listeners().getFirst();
            private ServerSocketChannel channel;

            @Override
            public String name() {
                return "test listener";
            }

            @Override
            public void start() throws IOException {
                channel = ServerSocketChannel.open().bind(new InetSocketAddress(configured.host(), configured.port()));
            }

            @Override
            public List<Listener> boundListeners() {
                try {
                    return List.of(configured.withPort(((InetSocketAddress) channel.getLocalAddress()).getPort()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    @Test
    void startsComponentsInOrderAndClosesThemInReverse() throws InterruptedException {
        AtomicReference<String> ready = new AtomicReference<>();
        StreamBusServer server = StreamBusServer.builder(config()).component(recording("log manager", false))
                .component(recording("metadata", false)).readyListener(ready::set).start();
        assertThat(events).containsExactly("start log manager", "start metadata");
        assertThat(ready.get()).isEqualTo(server.readyLine()).startsWith("StreamBus " + StreamBusVersion.current()
                + " ready in ").endsWith(" ms — no Kafka listener running, data in " + dir.resolve("data"));
        assertThat(Uuid.fromString(server.clusterId())).isNotNull();
        assertThat(server.awaitShutdown(0)).isFalse();

        server.close();
        server.close();
        assertThat(server.awaitShutdown(10_000)).isTrue();
        assertThat(events).containsExactly("start log manager", "start metadata", "close metadata", "close log manager");
    }

    @Test
    void failedStartClosesWhatStartedAndReleasesTheDataDirectory() {
        assertThatThrownBy(() -> StreamBusServer.builder(config()).component(recording("a", false))
                .component(recording("b", true)).component(recording("c", false)).start())
                .isInstanceOf(ServerStartupException.class)
                .hasMessage("Cannot start b: disk on fire");
        assertThat(events).containsExactly("start a", "start b", "close b", "close a");
        StreamBusServer.start(config()).close();
    }

    @Test
    void secondServerOnTheSameDataDirectoryIsRefused() {
        try (StreamBusServer first = StreamBusServer.start(config())) {
            assertThat(first.dataDirectory().created()).isTrue();
            assertThatThrownBy(() -> StreamBusServer.start(config())).isInstanceOf(DataDirectoryException.class);
        }
        try (StreamBusServer again = StreamBusServer.start(config())) {
            assertThat(again.dataDirectory().created()).isFalse();
        }
    }

    @Test
    void readyLineNamesTheBoundListenerAndMeasuresFromTheGivenStart() {
        AtomicLong nanos = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
        Time time = new Time() {
            @Override
            public long milliseconds() {
                return 0;
            }

            @Override
            public long nanoseconds() {
                return nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(7));
            }
        };
        try (StreamBusServer server = StreamBusServer.builder(config("listeners=PLAINTEXT://127.0.0.1:0"))
                .time(time).startedAtNanos(TimeUnit.SECONDS.toNanos(100)).component(socketListener()).start()) {
            assertThat(server.startupMs()).isEqualTo(7);
            assertThat(server.readyLine()).matches("StreamBus \\S+ ready in 7 ms — Kafka listener "
                    + "PLAINTEXT://127\\.0\\.0\\.1:[1-9][0-9]*, data in .*");
        }
    }

    @Test
    void stuckComponentIsAbandonedAfterTheShutdownTimeout() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        StreamBusServer server = StreamBusServer.builder(config("streambus.shutdown.timeout.ms=50"))
                .component(context -> new ServerComponent() {
                    @Override
                    public String name() {
                        return "stuck";
                    }

                    @Override
                    public void start() {
                    }

                    @Override
                    public void close() throws InterruptedException {
                        never.await();
                    }
                }).start();
        server.close();
        assertThat(server.awaitShutdown(0)).isTrue();
        never.countDown();
    }

    @Test
    void readyLineFormats() {
        Path data = Path.of("./data");
        assertThat(ReadyLine.format("1.2.3", 312, List.of(new Listener("PLAINTEXT", "127.0.0.1", 9092)), data))
                .isEqualTo("StreamBus 1.2.3 ready in 312 ms — Kafka listener PLAINTEXT://127.0.0.1:9092, data in ./data");
        assertThat(ReadyLine.format("1.2.3", 5, List.of(new Listener("PLAINTEXT", "", 9092),
                new Listener("SSL", "::1", 9093)), data))
                .isEqualTo("StreamBus 1.2.3 ready in 5 ms — Kafka listeners PLAINTEXT://:9092, SSL://[::1]:9093, "
                        + "data in ./data");
    }
}
