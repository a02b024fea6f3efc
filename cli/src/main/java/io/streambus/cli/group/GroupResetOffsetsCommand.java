package io.streambus.cli.group;

import io.streambus.cli.CliContext;
import io.streambus.cli.output.Table;
import io.streambus.cli.support.CliException;
import io.streambus.cli.support.Clients;
import io.streambus.cli.support.OperatorCommand;
import io.streambus.cli.support.Session;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streambus group reset-offsets GROUP (--topic T... | --all-topics) --to-...}: a dry run that shows
 * the current and new offset per partition, unless {@code --execute} (which asks first on a terminal, or
 * takes {@code --yes}). The group must have no active members.
 */
@Command(name = "reset-offsets", description = {"Move a group's committed offsets. Dry run unless --execute.",
        "The group must have no active members (stop its consumers first)."})
final class GroupResetOffsetsCommand extends OperatorCommand {

    private static final Comparator<TopicPartition> BY_TOPIC_PARTITION =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    @Parameters(paramLabel = "GROUP", description = "The group.")
    String group;

    @ArgGroup(multiplicity = "1")
    Scope scope;

    static final class Scope {
        @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC", required = true,
                description = "Every partition of TOPIC; repeatable.")
        List<String> topics;

        @Option(names = "--all-topics", required = true, description = "Every partition the group has offsets for.")
        boolean all;
    }

    @ArgGroup(multiplicity = "1")
    OffsetReset reset;

    @Option(names = "--execute", description = "Apply the change (default: only show it).")
    boolean execute;

    @Option(names = {"-y", "--yes"}, description = "With --execute: do not ask for confirmation.")
    boolean yes;

    GroupResetOffsetsCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run(Session session) {
        Clients clients = session.clients();
        ConsumerGroupDescription description = clients.awaitGroup(clients.admin()
                .describeConsumerGroups(List.of(group)).describedGroups().get(group), group);
        if (!description.members().isEmpty()) {
            throw new CliException("Group '" + group + "' has " + description.members().size()
                    + " active member(s); stop its consumers before resetting offsets");
        }
        Map<TopicPartition, Long> committed = description.groupState() == GroupState.DEAD
                ? Map.of() : GroupOffsets.committed(clients, group);
        Set<TopicPartition> partitions = partitions(clients, committed);
        Map<TopicPartition, Long> earliest = GroupOffsets.logOffsets(clients, partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> latest = GroupOffsets.logOffsets(clients, partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> byTime = reset.needsTimestamp()
                ? GroupOffsets.logOffsets(clients, partitions, OffsetSpec.forTimestamp(reset.timestampMs())) : Map.of();

        Table table = Table.of("topic", "partition", "committed_offset", "new_offset");
        Map<TopicPartition, OffsetAndMetadata> changes = new HashMap<>();
        for (TopicPartition tp : partitions) {
            long target = reset.target(committed.get(tp), earliest.get(tp), latest.get(tp), byTime.getOrDefault(tp, -1L));
            changes.put(tp, new OffsetAndMetadata(target));
            table.row(tp.topic(), tp.partition(), committed.get(tp), target);
        }
        if (!execute) {
            session.output().table(table);
            session.output().notice("Dry run: nothing changed. Add --execute to reset group '" + group + "' to "
                    + reset.describe() + ".");
            return 0;
        }
        session.confirm("Reset the offsets of group '" + group + "' on " + partitions.size() + " partition(s) to "
                + reset.describe() + "?", yes);
        clients.awaitGroup(clients.admin().alterConsumerGroupOffsets(group, changes).all(), group);
        session.output().table(table);
        return 0;
    }

    private Set<TopicPartition> partitions(Clients clients, Map<TopicPartition, Long> committed) {
        Set<TopicPartition> partitions = new TreeSet<>(BY_TOPIC_PARTITION);
        if (scope.all) {
            partitions.addAll(committed.keySet());
            if (partitions.isEmpty()) {
                throw new CliException("Group '" + group + "' has no committed offsets; name topics with --topic");
            }
            return partitions;
        }
        Map<String, TopicDescription> topics = new LinkedHashMap<>();
        for (String topic : scope.topics) {
            topics.put(topic, clients.awaitTopic(clients.admin().describeTopics(List.of(topic))
                    .topicNameValues().get(topic), topic));
        }
        topics.forEach((name, d) -> d.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
        return partitions;
    }
}
