package io.streambus.cli.topic;

import io.streambus.cli.CliContext;
import io.streambus.cli.output.Table;
import io.streambus.cli.support.CliException;
import io.streambus.cli.support.OperatorCommand;
import io.streambus.cli.support.Session;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.DeleteTopicsResult;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code streambus topic delete TOPIC... [--yes]}: asks first on a terminal; refuses without --yes elsewhere. */
@Command(name = "delete", description = "Delete topics and all their records.")
final class TopicDeleteCommand extends OperatorCommand {

    @Parameters(paramLabel = "TOPIC", arity = "1..*", description = "Topics to delete.")
    List<String> topics;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    TopicDeleteCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run(Session session) {
        session.confirm("Delete topic" + (topics.size() > 1 ? "s " : " ") + String.join(", ", topics)
                + " and all their records?", yes);
        DeleteTopicsResult result = session.clients().admin().deleteTopics(topics);
        Table table = Table.of("topic", "status");
        List<String> failures = new ArrayList<>();
        for (String topic : topics) {
            try {
                session.clients().await(result.topicNameValues().get(topic));
                table.row(topic, "deleted");
            } catch (CliException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    table.row(topic, "does not exist");
                    failures.add("Topic '" + topic + "' does not exist");
                } else if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                    throw e;
                } else {
                    table.row(topic, "failed: " + e.getMessage());
                    failures.add("Topic '" + topic + "' not deleted: " + e.getMessage());
                }
            }
        }
        session.output().table(table);
        failures.forEach(f -> session.output().notice("streambus: " + f));
        return failures.isEmpty() ? 0 : 1;
    }
}
