package io.streambus.cli.group;

import io.streambus.cli.CliContext;
import io.streambus.cli.output.Table;
import io.streambus.cli.support.Clients;
import io.streambus.cli.support.OperatorCommand;
import io.streambus.cli.support.Session;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code streambus group describe GROUP}: state and coordinator, the members with their assignments, and per
 * partition the committed offset, log end offset and lag (end minus committed), with the member that owns it.
 */
@Command(name = "describe", description = "Describe a group: state, members, assignment, lag per partition.")
final class GroupDescribeCommand extends OperatorCommand {

    private static final Comparator<TopicPartition> BY_TOPIC_PARTITION =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    @Parameters(paramLabel = "GROUP", description = "The group.")
    String group;

    GroupDescribeCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run(Session session) {
        Clients clients = session.clients();
        ConsumerGroupDescription description = GroupOffsets.describe(clients, group);
        Map<TopicPartition, Long> committed = GroupOffsets.committed(clients, group);
        Map<TopicPartition, MemberDescription> owners = new HashMap<>();
        Table members = Table.of("member_id", "client_id", "host", "partitions");
        description.members().stream().sorted(Comparator.comparing(MemberDescription::consumerId)).forEach(m -> {
            m.assignment().topicPartitions().forEach(tp -> owners.put(tp, m));
            members.row(m.consumerId(), m.clientId(), m.host(), m.assignment().topicPartitions().stream()
                    .sorted(BY_TOPIC_PARTITION).map(TopicPartition::toString).toList());
        });
        Set<TopicPartition> partitions = new TreeSet<>(BY_TOPIC_PARTITION);
        partitions.addAll(committed.keySet());
        partitions.addAll(owners.keySet());
        Map<TopicPartition, Long> ends = GroupOffsets.logOffsets(clients, partitions, OffsetSpec.latest());

        Table offsets = Table.of("topic", "partition", "committed_offset", "log_end_offset", "lag", "member_id",
                "client_id", "host");
        long totalLag = 0;
        for (TopicPartition tp : partitions) {
            Long offset = committed.get(tp);
            Long end = ends.get(tp);
            Long lag = offset == null || end == null ? null : Math.max(0, end - offset);
            totalLag += lag == null ? 0 : lag;
            MemberDescription owner = owners.get(tp);
            offsets.row(tp.topic(), tp.partition(), offset, end, lag, owner == null ? null : owner.consumerId(),
                    owner == null ? null : owner.clientId(), owner == null ? null : owner.host());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("group", group);
        summary.put("state", description.groupState().toString().toLowerCase(Locale.ROOT));
        summary.put("type", description.type().toString().toLowerCase(Locale.ROOT));
        summary.put("assignor", description.partitionAssignor().isEmpty() ? null : description.partitionAssignor());
        summary.put("coordinator", description.coordinator() == null ? null : description.coordinator().id());
        summary.put("members", description.members().size());
        summary.put("total_lag", totalLag);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("summary", summary);
        report.put("members", members);
        report.put("offsets", offsets);
        session.output().report(report);
        return 0;
    }
}
