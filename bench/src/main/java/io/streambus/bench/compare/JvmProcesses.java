package io.streambus.bench.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts JVM child processes with a clean, reproducible environment and their output in a file. */
final class JvmProcesses {

    private JvmProcesses() {
    }

    /** The GC log option both brokers get: the form Kafka's kafka-run-class.sh uses with -loggc. */
    static String gcLogOption(Path gcLog) {
        return "-Xlog:gc*:file=" + gcLog + ":time,tags:filecount=10,filesize=100M";
    }

    static Process start(List<String> command, Path workingDir, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        // Variables the JVM or StreamBus would pick up silently and that would make runs differ.
        env.keySet().removeIf(key -> key.startsWith("STREAMBUS_") || key.startsWith("KAFKA_")
                || key.equals("JAVA_TOOL_OPTIONS") || key.equals("JDK_JAVA_OPTIONS") || key.equals("_JAVA_OPTIONS"));
        return builder.start();
    }
}
