package io.streambus.cli.topic;

import io.streambus.cli.CliContext;
import io.streambus.cli.output.Table;
import io.streambus.cli.support.OperatorCommand;
import io.streambus.cli.support.Session;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code streambus topic list [REGEX] [--internal]}: name, partitions, replication factor, sorted by name. */
@Command(name = "list", aliases = "ls", description = "List topics.")
final class TopicListCommand extends OperatorCommand {

    @Parameters(paramLabel = "REGEX", arity = "0..1", description = "Only topics whose whole name matches.")
    Pattern filter;

    @Option(names = {"-i", "--internal"}, description = "Include internal topics (__consumer_offsets...).")
    boolean internal;

    TopicListCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run(Session session) {
        Admin admin = session.clients().admin();
        Set<String> names = session.clients().await(admin.listTopics(new ListTopicsOptions().listInternal(internal)).names());
        if (filter != null) {
            names.removeIf(name -> !filter.matcher(name).matches());
        }
        Map<String, TopicDescription> described = new TreeMap<>(
                session.clients().await(admin.describeTopics(names).allTopicNames()));
        Table table = Table.of("name", "partitions", "replicas");
        described.forEach((name, d) -> table.row(name, d.partitions().size(),
                d.partitions().isEmpty() ? 0 : d.partitions().getFirst().replicas().size()));
        session.output().table(table);
        return 0;
    }
}
