package io.streambus.it.compat;

import io.streambus.it.compat.driver.ClientScenarios;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * One released version of Apache kafka-clients, run in a JVM of its own so versions never share a class
 * loader: the class path is that version's jar, the compression and logging jars every version links
 * against, and the {@link ClientScenarios} driver. The current version (the one this module builds against)
 * comes from the test class path; older ones are copied to {@code target/client-matrix} by Maven.
 */
final class JavaClient {

    private static final Path MATRIX_DIR = Path.of(System.getProperty("streambus.clientMatrix.dir",
            "target/client-matrix"));
    static final String CURRENT = System.getProperty("streambus.clientMatrix.current", "current");

    private final String version;

    JavaClient(String version) {
        this.version = version;
    }

    ExternalClient.Result run(String bootstrap, String... scenario) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classPath(),
                ClientScenarios.class.getName(), bootstrap));
        command.addAll(List.of(scenario));
        return ExternalClient.run(command, Map.of(), null, Duration.ofSeconds(150));
    }

    private String classPath() throws Exception {
        List<Path> entries = new ArrayList<>();
        entries.add(CURRENT.equals(version) ? codeSource(KafkaProducer.class)
                : existing(MATRIX_DIR.resolve("kafka-clients-" + version + ".jar")));
        entries.add(codeSource(ClientScenarios.class));
        entries.add(codeSource(org.slf4j.LoggerFactory.class));
        entries.add(codeSource(net.jpountz.lz4.LZ4Factory.class));
        entries.add(codeSource(org.xerial.snappy.Snappy.class));
        entries.add(codeSource(com.github.luben.zstd.Zstd.class));
        try (var jars = Files.list(MATRIX_DIR)) {
            jars.filter(jar -> jar.getFileName().toString().startsWith("slf4j-simple-")).forEach(entries::add);
        }
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    private static Path existing(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies it (maven-dependency-plugin)");
        }
        return jar;
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Override
    public String toString() {
        return "kafka-clients " + version;
    }
}
