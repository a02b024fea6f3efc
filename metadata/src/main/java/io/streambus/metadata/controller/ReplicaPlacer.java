package io.streambus.metadata.controller;

import io.streambus.metadata.image.ClusterImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.protocol.Errors;

/**
 * Chooses replicas for new partitions (round-robin over registered brokers in id order; a
 * single node gets [nodeId]) and checks manual assignments. Stateless.
 */
final class ReplicaPlacer {

    private ReplicaPlacer() {
    }

    /** Replicas of partition {@code partition}: {@code replicationFactor} consecutive brokers from a rotating start. */
    static List<Integer> place(ClusterImage cluster, int partition, int replicationFactor) {
        List<Integer> brokers = new ArrayList<>(cluster.brokers().keySet());
        List<Integer> replicas = new ArrayList<>(replicationFactor);
        for (int i = 0; i < replicationFactor; i++) {
            replicas.add(brokers.get((partition + i) % brokers.size()));
        }
        return replicas;
    }

    /** An error if the replication factor cannot be met by the registered brokers, else null. */
    static ApiError checkReplicationFactor(ClusterImage cluster, int replicationFactor) {
        int registered = cluster.brokers().size();
        if (replicationFactor > registered) {
            return ApiError.of(Errors.INVALID_REPLICATION_FACTOR, "Unable to replicate the partition "
                    + replicationFactor + " time(s): The target replication factor of " + replicationFactor
                    + " cannot be reached because only " + registered + " broker(s) are registered.");
        }
        return null;
    }

    /** An error if a manual replica list is empty, repeats a broker or names an unregistered one, else null. */
    static ApiError checkAssignment(ClusterImage cluster, int partition, List<Integer> replicas) {
        if (replicas == null || replicas.isEmpty()) {
            return ApiError.of(Errors.INVALID_REPLICA_ASSIGNMENT,
                    "The manual partition assignment includes an empty replica list for partition " + partition + ".");
        }
        Set<Integer> seen = new HashSet<>();
        for (Integer broker : replicas) {
            if (!seen.add(broker)) {
                return ApiError.of(Errors.INVALID_REPLICA_ASSIGNMENT, "The manual partition assignment includes the "
                        + "broker " + broker + " more than once.");
            }
            if (cluster.broker(broker).isEmpty()) {
                return ApiError.of(Errors.INVALID_REPLICA_ASSIGNMENT, "The manual partition assignment includes "
                        + "broker " + broker + ", but no such broker is registered.");
            }
        }
        return null;
    }
}
