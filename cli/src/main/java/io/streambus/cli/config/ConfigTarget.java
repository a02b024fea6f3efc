package io.streambus.cli.config;

import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Option;

/** Which configs a command reads or changes: exactly one of a topic, a broker, or the cluster-wide broker default. */
public final class ConfigTarget {

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC", required = true, description = "A topic's configs.")
    String topic;

    @Option(names = "--broker", paramLabel = "ID", required = true, description = "A broker's configs.")
    Integer broker;

    @Option(names = "--cluster-default", required = true,
            description = "The dynamic default of every broker (set only; reading shows what was set).")
    boolean clusterDefault;

    ConfigResource resource() {
        if (topic != null) {
            return new ConfigResource(ConfigResource.Type.TOPIC, topic);
        }
        return new ConfigResource(ConfigResource.Type.BROKER, broker != null ? broker.toString() : "");
    }

    String describe() {
        return topic != null ? "topic '" + topic + "'" : broker != null ? "broker " + broker : "the cluster default";
    }
}
