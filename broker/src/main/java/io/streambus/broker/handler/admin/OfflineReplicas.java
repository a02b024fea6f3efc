package io.streambus.broker.handler.admin;

import io.streambus.metadata.image.MetadataImage;
import io.streambus.metadata.image.PartitionRegistration;
import io.streambus.storage.LogId;
import io.streambus.storage.LogManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The offline replicas of a partition, as Metadata and DescribeTopicPartitions report them: replicas on
 * brokers that are not registered, plus this broker's replica if its log could not be opened. Stateless
 * apart from the log manager it asks; called on the event loop.
 */
final class OfflineReplicas {

    private final int nodeId;
    private final LogManager logs;

    OfflineReplicas(int nodeId, LogManager logs) {
        this.nodeId = nodeId;
        this.logs = logs;
    }

    /** This broker's logs that failed to open; read once per request. */
    Set<LogId> offlineLogs() {
        return logs.offlineLogs();
    }

    List<Integer> of(String topic, int index, PartitionRegistration registration, MetadataImage image,
                     Set<LogId> offlineLogs) {
        List<Integer> offline = null;
        for (int replica : registration.replicas()) {
            boolean isOffline = replica == nodeId
                    ? !offlineLogs.isEmpty() && offlineLogs.contains(new LogId(topic, index))
                    : image.cluster().broker(replica).isEmpty();
            if (isOffline) {
                if (offline == null) {
                    offline = new ArrayList<>(1);
                }
                offline.add(replica);
            }
        }
        return offline == null ? List.of() : offline;
    }
}
