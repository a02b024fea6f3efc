package io.streambus.bench.compare.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the report says about the machine: CPUs, memory, kernel, JVM. Read from /proc and the JVM. */
public final class MachineInfo {

    private MachineInfo() {
    }

    public static Map<String, String> describe() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("CPUs", Runtime.getRuntime().availableProcessors() + " (" + cpuModel() + ")");
        info.put("memory", memTotal());
        info.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        info.put("JVM (both brokers and the harness)", System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        return info;
    }

    private static String cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("model unknown");
    }

    private static String memTotal() {
        return firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(v -> String.format("%.1f GiB", Long.parseLong(v.replace(" kB", "").trim()) / (1024.0 * 1024.0)))
                .orElse("unknown");
    }

    private static java.util.Optional<String> firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
