package io.streambus.cli.topic;

import io.streambus.cli.CliContext;
import io.streambus.cli.support.CliException;
import io.streambus.cli.support.OperatorCommand;
import io.streambus.cli.support.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.TopicDescription;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code streambus topic add-partitions TOPIC (-n N | --total N)}: partitions can only grow. */
@Command(name = "add-partitions", description = {"Add partitions to a topic.",
        "Keys hash to different partitions afterwards: records of one key may then be split."})
final class TopicAddPartitionsCommand extends OperatorCommand {

    @Parameters(paramLabel = "TOPIC", description = "The topic.")
    String topic;

    @ArgGroup(multiplicity = "1")
    Count count;

    static final class Count {
        @Option(names = {"-n", "--num"}, paramLabel = "N", required = true, description = "How many partitions to add.")
        Integer add;

        @Option(names = "--total", paramLabel = "N", required = true, description = "The partition count to grow to.")
        Integer total;
    }

    TopicAddPartitionsCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run(Session session) {
        TopicDescription description = session.clients().awaitTopic(
                session.clients().admin().describeTopics(List.of(topic)).topicNameValues().get(topic), topic);
        int before = description.partitions().size();
        int after = count.total != null ? count.total : before + count.add;
        if (after <= before) {
            throw CliException.usage("Topic '" + topic + "' has " + before + " partitions; it can only grow");
        }
        session.clients().awaitTopic(session.clients().admin()
                .createPartitions(Map.of(topic, NewPartitions.increaseTo(after))).all(), topic);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("topic", topic);
        result.put("partitions_before", before);
        result.put("partitions", after);
        session.output().pairs(result);
        return 0;
    }
}
