package io.streambus.cli.topic;

import io.streambus.cli.CliContext;
import io.streambus.cli.output.Table;
import io.streambus.cli.support.CliException;
import io.streambus.cli.support.OperatorCommand;
import io.streambus.cli.support.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code streambus topic create TOPIC... [-p N] [-r N] [-c KEY=VALUE]...}: one row per topic, exit 1 if any failed. */
@Command(name = "create", description = "Create topics.")
final class TopicCreateCommand extends OperatorCommand {

    @Parameters(paramLabel = "TOPIC", arity = "1..*", description = "Topics to create.")
    List<String> topics;

    @Option(names = {"-p", "--partitions"}, paramLabel = "N", description = "Partitions (default: the broker's num.partitions).")
    Integer partitions;

    @Option(names = {"-r", "--replicas"}, paramLabel = "N",
            description = "Replication factor (default: the broker's default.replication.factor).")
    Short replicas;

    @Option(names = {"-c", "--config"}, paramLabel = "KEY=VALUE", description = "A topic config; repeatable.")
    Map<String, String> configs = new LinkedHashMap<>();

    @Option(names = "--if-not-exists", description = "A topic that already exists is not an error.")
    boolean ifNotExists;

    TopicCreateCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run(Session session) {
        List<NewTopic> newTopics = new ArrayList<>();
        for (String topic : topics) {
            newTopics.add(new NewTopic(topic, Optional.ofNullable(partitions), Optional.ofNullable(replicas))
                    .configs(configs));
        }
        CreateTopicsResult result = session.clients().admin().createTopics(newTopics);
        Table table = Table.of("topic", "partitions", "replicas", "status");
        List<String> failures = new ArrayList<>();
        for (String topic : topics) {
            KafkaFuture<Void> created = result.values().get(topic);
            try {
                session.clients().await(created);
                table.row(topic, session.clients().await(result.numPartitions(topic)),
                        session.clients().await(result.replicationFactor(topic)), "created");
            } catch (CliException e) {
                Throwable cause = e.getCause();
                if (cause instanceof TimeoutException || cause == null) {
                    throw e;
                }
                if (cause instanceof TopicExistsException && ifNotExists) {
                    table.row(topic, null, null, "exists");
                    continue;
                }
                String reason = cause instanceof TopicExistsException ? "already exists" : e.getMessage();
                table.row(topic, null, null, "failed: " + reason);
                failures.add("Topic '" + topic + "' " + (cause instanceof TopicExistsException ? reason
                        : "not created: " + reason));
            }
        }
        session.output().table(table);
        failures.forEach(f -> session.output().notice("streambus: " + f));
        return failures.isEmpty() ? 0 : 1;
    }
}
