package io.streambus.cli.bench;

import io.streambus.cli.support.Durations;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options both benchmarks take. */
final class BenchOptions {

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC", defaultValue = "streambus-bench",
            description = "The topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = {"-n", "--records"}, paramLabel = "N", description = "Stop after N records.")
    Long records;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", converter = Durations.class,
            description = "Stop after this long, e.g. 30s.")
    Duration duration;

    @Option(names = "--interval", paramLabel = "DURATION", converter = Durations.class, defaultValue = "1s",
            description = "Progress line interval (default: ${DEFAULT-VALUE}).")
    Duration interval;
}
