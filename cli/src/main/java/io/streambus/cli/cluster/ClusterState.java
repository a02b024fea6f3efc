package io.streambus.cli.cluster;

import io.streambus.cli.support.Clients;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;

/** What {@code cluster info} and {@code cluster health} read: the cluster and every topic (internal ones too). */
record ClusterState(String clusterId, Node controller, Collection<Node> brokers, Map<String, TopicDescription> topics) {

    static ClusterState read(Clients clients) {
        Admin admin = clients.admin();
        DescribeClusterResult cluster = admin.describeCluster();
        var names = clients.await(admin.listTopics(new ListTopicsOptions().listInternal(true)).names());
        Map<String, TopicDescription> topics = clients.await(admin.describeTopics(names).allTopicNames());
        return new ClusterState(clients.await(cluster.clusterId()), clients.await(cluster.controller()),
                clients.await(cluster.nodes()), topics);
    }

    Integer controllerId() {
        return controller == null || controller.isEmpty() ? null : controller.id();
    }

    long partitionCount() {
        return topics.values().stream().mapToLong(t -> t.partitions().size()).sum();
    }

    /** "topic-partition" of every partition without a leader. */
    List<String> offlinePartitions() {
        return topics.values().stream().flatMap(t -> t.partitions().stream()
                .filter(p -> p.leader() == null || p.leader().isEmpty())
                .map(p -> t.name() + "-" + p.partition())).sorted().toList();
    }

    /** "topic-partition" of every partition whose in-sync replicas are fewer than its replicas. */
    List<String> underReplicatedPartitions() {
        return topics.values().stream().flatMap(t -> t.partitions().stream()
                .filter(p -> p.isr().size() < p.replicas().size())
                .map(p -> t.name() + "-" + p.partition())).sorted().toList();
    }
}
