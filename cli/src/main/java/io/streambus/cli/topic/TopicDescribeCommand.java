package io.streambus.cli.topic;

import io.streambus.cli.CliContext;
import io.streambus.cli.config.ConfigChanges;
import io.streambus.cli.output.ByteSize;
import io.streambus.cli.output.Table;
import io.streambus.cli.support.Clients;
import io.streambus.cli.support.OperatorCommand;
import io.streambus.cli.support.Session;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streambus topic describe TOPIC}: a summary, then the partitions (leader, replicas, ISR, offsets,
 * size on disk) and the configs set on the topic or its brokers ({@code --all-configs}: every one).
 */
@Command(name = "describe", description = "Describe a topic: partitions, leaders, replicas, offsets, size, configs.")
final class TopicDescribeCommand extends OperatorCommand {

    @Parameters(paramLabel = "TOPIC", description = "The topic.")
    String topic;

    @Option(names = {"-a", "--all-configs"}, description = "Show every config, defaults included.")
    boolean allConfigs;

    TopicDescribeCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run(Session session) {
        Clients clients = session.clients();
        Admin admin = clients.admin();
        TopicDescription description = clients.awaitTopic(
                admin.describeTopics(List.of(topic)).topicNameValues().get(topic), topic);
        List<TopicPartition> partitions = description.partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, ListOffsetsResultInfo> earliest = offsets(clients, partitions, OffsetSpec.earliest());
        Map<TopicPartition, ListOffsetsResultInfo> latest = offsets(clients, partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> sizes = sizes(clients);

        Table partitionTable = Table.of("partition", "leader", "replicas", "isr", "log_start_offset",
                "high_watermark", "size");
        long totalBytes = 0;
        for (TopicPartitionInfo p : description.partitions()) {
            TopicPartition tp = new TopicPartition(topic, p.partition());
            long size = sizes.getOrDefault(tp, 0L);
            totalBytes += size;
            partitionTable.row(p.partition(), p.leader() == null || p.leader().isEmpty() ? null : p.leader().id(),
                    p.replicas().stream().map(Node::id).toList(), p.isr().stream().map(Node::id).toList(),
                    offset(earliest.get(tp)), offset(latest.get(tp)), new ByteSize(size));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", topic);
        summary.put("id", description.topicId().toString());
        summary.put("internal", description.isInternal());
        summary.put("partitions", description.partitions().size());
        summary.put("replication_factor", description.partitions().isEmpty() ? 0
                : description.partitions().getFirst().replicas().size());
        summary.put("size", new ByteSize(totalBytes));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("summary", summary);
        report.put("partitions", partitionTable);
        report.put("configs", ConfigChanges.table(ConfigChanges.describe(session,
                new ConfigResource(ConfigResource.Type.TOPIC, topic)), allConfigs, List.of()));
        session.output().report(report);
        return 0;
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(Clients clients, List<TopicPartition> partitions,
                                                                OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        return clients.awaitTopic(clients.admin().listOffsets(request).all(), topic);
    }

    /** Bytes on disk per partition, summed over its replicas' logs on every broker. */
    private Map<TopicPartition, Long> sizes(Clients clients) {
        List<Integer> brokers = clients.await(clients.admin().describeCluster().nodes()).stream().map(Node::id).toList();
        Map<Integer, Map<String, LogDirDescription>> dirs = clients.await(
                clients.admin().describeLogDirs(brokers).allDescriptions());
        Map<TopicPartition, Long> sizes = new HashMap<>();
        dirs.values().forEach(byDir -> byDir.values().forEach(dir -> dir.replicaInfos().forEach((tp, info) -> {
            if (tp.topic().equals(topic)) {
                sizes.merge(tp, info.size(), Long::sum);
            }
        })));
        return sizes;
    }

    private static Long offset(ListOffsetsResultInfo info) {
        return info == null ? null : info.offset();
    }
}
