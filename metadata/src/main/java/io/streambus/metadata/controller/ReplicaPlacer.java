package io.streambus.metadata.controller;

import io.streambus.metadata.image.BrokerRegistration;
import io.streambus.metadata.image.ClusterImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.protocol.Errors;

/**
 * Chooses replicas for new partitions and checks manual assignments. Only active brokers (registered, unfenced,
 * not shutting down) get new replicas. They are ordered rack by rack in turn (the brokers of each rack in id
 * order, the racks interleaved). Partition {@code p} is led by the broker at position {@code p} of that order, so
 * leaders rotate evenly; its other replicas are the next brokers in the order on racks it does not use yet, then,
 * once every rack is used, the next brokers whatever their rack. A partition thus spans
 * min(replication factor, racks) racks. Stateless.
 */
final class ReplicaPlacer {

    private ReplicaPlacer() {
    }

    /** Replicas of partition {@code partition}; the first is the preferred leader. */
    static List<Integer> place(ClusterImage cluster, int partition, int replicationFactor) {
        List<BrokerRegistration> active = cluster.activeBrokers();
        List<Integer> order = rackInterleaved(active);
        Map<Integer, String> rackOf = new HashMap<>();
        active.forEach(b -> rackOf.put(b.id(), b.rack() == null ? "" : b.rack()));
        int start = Math.floorMod(partition, order.size());
        List<Integer> replicas = new ArrayList<>(replicationFactor);
        Set<String> racksUsed = new HashSet<>();
        for (int i = 0; i < order.size() && replicas.size() < replicationFactor; i++) {
            int broker = order.get((start + i) % order.size());
            if (racksUsed.add(rackOf.get(broker))) {
                replicas.add(broker);
            }
        }
        for (int i = 0; i < order.size() && replicas.size() < replicationFactor; i++) {
            int broker = order.get((start + i) % order.size());
            if (!replicas.contains(broker)) {
                replicas.add(broker);
            }
        }
        return replicas;
    }

    /** Broker ids, one rack after another in turn; brokers without a rack form one group of their own. */
    static List<Integer> rackInterleaved(List<BrokerRegistration> brokers) {
        Map<String, List<Integer>> byRack = new TreeMap<>();
        for (BrokerRegistration broker : brokers) {
            byRack.computeIfAbsent(broker.rack() == null ? "" : broker.rack(), rack -> new ArrayList<>())
                    .add(broker.id());
        }
        List<Integer> order = new ArrayList<>(brokers.size());
        for (int round = 0; order.size() < brokers.size(); round++) {
            for (List<Integer> rack : byRack.values()) {
                if (round < rack.size()) {
                    order.add(rack.get(round));
                }
            }
        }
        return order;
    }

    /** An error if the replication factor cannot be met by the active brokers, else null. */
    static ApiError checkReplicationFactor(ClusterImage cluster, int replicationFactor) {
        int active = cluster.activeBrokers().size();
        if (replicationFactor > active) {
            return ApiError.of(Errors.INVALID_REPLICATION_FACTOR, "Unable to replicate the partition "
                    + replicationFactor + " time(s): The target replication factor of " + replicationFactor
                    + " cannot be reached because only " + active + " broker(s) are registered.");
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
        if (replicas.stream().noneMatch(id -> cluster.broker(id).orElseThrow().isActive())) {
            return ApiError.of(Errors.INVALID_REPLICA_ASSIGNMENT, "All brokers specified in the manual partition "
                    + "assignment for partition " + partition + " are fenced or in controlled shutdown.");
        }
        return null;
    }
}
