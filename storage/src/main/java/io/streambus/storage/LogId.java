package io.streambus.storage;

import java.util.Objects;

/**
 * Names one partition log. Its directory is {@code <topic>-<partition>} under the data directory,
 * the layout Kafka uses, so operators find their way around.
 */
public record LogId(String topic, int partition) implements Comparable<LogId> {

    public LogId {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("empty topic name");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("negative partition " + partition);
        }
    }

    public String directoryName() {
        return topic + "-" + partition;
    }

    /** Parses a directory name; the topic may itself contain '-', so split at the last one. */
    public static LogId fromDirectoryName(String name) {
        int dash = name.lastIndexOf('-');
        if (dash <= 0 || dash == name.length() - 1) {
            throw new IllegalArgumentException("not a partition directory name: " + name);
        }
        return new LogId(name.substring(0, dash), Integer.parseInt(name.substring(dash + 1)));
    }

    @Override
    public int compareTo(LogId other) {
        int byTopic = topic.compareTo(other.topic);
        return byTopic != 0 ? byTopic : Integer.compare(partition, other.partition);
    }

    @Override
    public String toString() {
        return directoryName();
    }
}
