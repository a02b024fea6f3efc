package io.streambus.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * Runs Apache Kafka (kafka_2.13, resolved by Maven into {@code bench/target/kafka.classpath}) as a
 * single-node KRaft cluster: one process that is both broker and controller. The storage is formatted
 * first with {@code kafka.tools.StorageTool} (what {@code kafka-storage.sh format} runs); that step is
 * set-up, not part of the cold start. The JVM options are those of Kafka's own start scripts.
 */
public final class KafkaLauncher implements BrokerLauncher {

    /**
     * kafka-server-start.sh sets the heap (KAFKA_HEAP_OPTS); kafka-run-class.sh adds the performance
     * options (KAFKA_JVM_PERFORMANCE_OPTS) and JMX without a port (KAFKA_JMX_OPTS). The GC log option is
     * added per run, as {@code -loggc} does.
     */
    static final List<String> JVM_OPTIONS = List.of(
            "-Xmx1G", "-Xms1G",
            "-server", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35",
            "-XX:+ExplicitGCInvokesConcurrent", "-XX:MaxInlineLevel=15", "-Djava.awt.headless=true",
            "-Dcom.sun.management.jmxremote", "-Dcom.sun.management.jmxremote.authenticate=false",
            "-Dcom.sun.management.jmxremote.ssl=false");

    /** kafka-storage.sh runs through kafka-run-class.sh with its default heap. */
    private static final List<String> FORMAT_JVM_OPTIONS = List.of("-Xmx256M");
    private static final long FORMAT_TIMEOUT_S = 120;

    private final Path javaBin;
    private final String classpath;

    public KafkaLauncher(Path javaBin, Path classpathFile) throws IOException {
        this.javaBin = javaBin;
        this.classpath = Files.readString(classpathFile).trim();
        if (classpath.isEmpty()) {
            throw new IllegalArgumentException(classpathFile + " is empty; build with -Pbench-kafka");
        }
    }

    @Override
    public List<Path> programFiles() {
        return ProgramFiles.ofClasspath(classpath);
    }

    @Override
    public String describeJvm() {
        return String.join(" ", JVM_OPTIONS) + " -Xlog:gc*:file=<run>/gc.log:time,tags:filecount=10,filesize=100M";
    }

    @Override
    public BrokerProcess launch(BrokerSetup setup, Path runDir) throws IOException, InterruptedException {
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        Path dataDir = Files.createDirectories(runDir.resolve("data"));
        Path properties = runDir.resolve("server.properties");
        Files.writeString(properties, serverProperties(setup, port, controllerPort, dataDir));
        Path logbackXml = runDir.resolve("logback.xml");
        Files.writeString(logbackXml, logbackConfig(runDir.resolve("kafka.log")));
        format(runDir, properties, logbackXml);

        Path gcLog = runDir.resolve("gc.log");
        Path console = runDir.resolve("console.log");
        List<String> command = new ArrayList<>();
        command.add(javaBin.toString());
        command.addAll(JVM_OPTIONS);
        command.add(JvmProcesses.gcLogOption(gcLog));
        command.add("-Dlogback.configurationFile=" + logbackXml);
        command.addAll(List.of("-cp", classpath, "kafka.Kafka", properties.toString()));
        long launchedAtNs = System.nanoTime();
        Process process = JvmProcesses.start(command, runDir, console);
        return new BrokerProcess(setup, process, launchedAtNs, "127.0.0.1:" + port, gcLog, console);
    }

    private void format(Path runDir, Path properties, Path logbackXml) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaBin.toString());
        command.addAll(FORMAT_JVM_OPTIONS);
        command.add("-Dlogback.configurationFile=" + logbackXml);
        command.addAll(List.of("-cp", classpath, "kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", properties.toString()));
        Path output = runDir.resolve("format.log");
        Process process = JvmProcesses.start(command, runDir, output);
        if (!process.waitFor(FORMAT_TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException("kafka-storage format did not finish in " + FORMAT_TIMEOUT_S + " s; see " + output);
        }
        if (process.exitValue() != 0) {
            throw new IOException("kafka-storage format failed (exit " + process.exitValue() + "): "
                    + Files.readString(output).strip());
        }
    }

    /**
     * A combined broker+controller with the values of Kafka's shipped config/server.properties where
     * they matter (threads, segment size), replication factors of 1 for the internal topics, and the
     * setup's durability settings last.
     */
    static String serverProperties(BrokerSetup setup, int port, int controllerPort, Path dataDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("num.network.threads", "3");
        p.put("num.io.threads", "8");
        p.put("socket.send.buffer.bytes", "102400");
        p.put("socket.receive.buffer.bytes", "102400");
        p.put("socket.request.max.bytes", "104857600");
        p.put("log.dirs", dataDir.toString());
        p.put("num.partitions", "1");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("log.retention.hours", "168");
        p.put("log.segment.bytes", "1073741824");
        p.put("log.retention.check.interval.ms", "300000");
        p.putAll(setup.brokerConfig());
        StringBuilder out = new StringBuilder("# Generated by the StreamBus benchmark harness for " + setup.label() + "\n");
        p.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }

    /** Kafka logs at INFO to files by default (config/log4j2.yaml); the same here, through logback. */
    static String logbackConfig(Path logFile) {
        return """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>[%%d] %%p %%m [%%c]%%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(logFile);
    }
}
