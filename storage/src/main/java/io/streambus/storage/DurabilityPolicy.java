package io.streambus.storage;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * When appended bytes are forced to disk.
 *
 * <ul>
 *   <li>{@link #FSYNC}: group commit. One fsync covers every append waiting at that moment;
 *       {@link PartitionLog#awaitDurable(long)} completes once the offset is on disk.</li>
 *   <li>{@link #INTERVAL}: a background fsync every {@code flush.interval.ms}; appends are
 *       reported durable at once, as Kafka's default does.</li>
 *   <li>{@link #NONE}: page cache only, fsync at roll and close.</li>
 * </ul>
 */
public enum DurabilityPolicy {
    FSYNC, INTERVAL, NONE;

    /** The spelling used in configuration files. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DurabilityPolicy fromConfigName(String name) {
        for (DurabilityPolicy policy : values()) {
            if (policy.configName().equals(name)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown durability policy '" + name + "', expected one of "
                + Arrays.stream(values()).map(DurabilityPolicy::configName).collect(Collectors.joining(", ")));
    }
}
