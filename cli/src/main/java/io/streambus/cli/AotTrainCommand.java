package io.streambus.cli;

import io.streambus.server.BrokerComponent;
import io.streambus.server.StreamBusServer;
import io.streambus.server.config.ServerConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code streambus aot-train} (hidden): the training run of the JDK's AOT cache (JEP 483/514). The launcher
 * runs it once per build under {@code -XX:AOTCacheOutput}; the JVM records the classes it loads and links
 * and the methods it profiles, and later starts load them from the cache instead of the jar.
 *
 * <p>It does what a broker's first seconds do: start a node on a throw-away data directory and a loopback
 * port, answer a producer whose first send creates its topic (what the cold start measures), acks=1 and
 * acks=all produce, a consumer group that fetches everything back and commits, then a clean stop. Classes
 * only the clients use end up in the cache too; they cost cache space, not start-up time.
 */
@Command(name = "aot-train", hidden = true,
        description = "Training run for the JVM's AOT cache (run by the launcher under -XX:AOTCacheOutput).")
final class AotTrainCommand implements Callable<Integer> {

    private static final Pattern LISTENER_PORT = Pattern.compile("PLAINTEXT://[^ ]*:(\\d+)");
    private static final int RECORDS = 2_000;

    private final CliContext context;

    @Spec
    CommandSpec spec;

    AotTrainCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException, InterruptedException, ExecutionException {
        Path dataDir = Files.createTempDirectory("streambus-aot-train");
        try {
            // A YAML file, as `streambus start --config` reads one: the YAML parser belongs in the cache too.
            Path configFile = Files.writeString(dataDir.resolve("streambus.yaml"),
                    "log.dirs: [" + dataDir.resolve("data") + "]\nlisteners: [\"PLAINTEXT://127.0.0.1:0\"]\n");
            StreamBusServer server = StreamBusServer.builder(new ServerConfigLoader().file(configFile).load())
                    .startedAtNanos(context.startNanos())
                    .component(BrokerComponent::new)
                    .start();
            try (server) {
                exercise("127.0.0.1:" + port(server.readyLine()));
            }
            spec.commandLine().getOut().println("streambus: AOT training run done");
            return 0;
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private static int port(String readyLine) {
        Matcher matcher = LISTENER_PORT.matcher(readyLine);
        if (!matcher.find()) {
            throw new IllegalStateException("no PLAINTEXT listener in the ready line: " + readyLine);
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static void exercise(String bootstrap) throws InterruptedException, ExecutionException {
        Map<String, Object> common = Map.of("bootstrap.servers", bootstrap);
        byte[] value = new byte[1024];
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic("train-4", 4, (short) 1))).all().get();
            admin.listTopics().names().get();
        }
        for (String acks : List.of("1", "all")) {
            Properties props = new Properties();
            props.putAll(common);
            props.put(ProducerConfig.ACKS_CONFIG, acks);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
            try (KafkaProducer<byte[], byte[]> producer =
                         new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                // An unknown topic first: created on first use, as the cold-start measurement does it.
                producer.send(new ProducerRecord<>("train-auto-" + acks, value)).get();
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>("train-4", value));
                }
                producer.flush();
            }
        }
        Properties props = new Properties();
        props.putAll(common);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "train");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("train-4"));
            int seen = 0;
            long deadlineNs = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen < 2 * RECORDS && System.nanoTime() < deadlineNs) {
                seen += consumer.poll(Duration.ofMillis(100)).count();
            }
            consumer.commitSync();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
