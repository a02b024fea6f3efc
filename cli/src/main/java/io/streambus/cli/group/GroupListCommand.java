package io.streambus.cli.group;

import io.streambus.cli.CliContext;
import io.streambus.cli.output.Table;
import io.streambus.cli.support.OperatorCommand;
import io.streambus.cli.support.Session;
import java.util.Comparator;
import org.apache.kafka.clients.admin.GroupListing;
import picocli.CommandLine.Command;

/** {@code streambus group list}: every group with its type, state and protocol, sorted by id. */
@Command(name = "list", aliases = "ls", description = "List groups.")
final class GroupListCommand extends OperatorCommand {

    GroupListCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run(Session session) {
        Table table = Table.of("group", "type", "state", "protocol");
        session.clients().await(session.clients().admin().listGroups().all()).stream()
                .sorted(Comparator.comparing(GroupListing::groupId))
                .forEach(g -> table.row(g.groupId(), g.type().map(t -> t.toString().toLowerCase(java.util.Locale.ROOT))
                        .orElse(null), g.groupState().map(s -> s.toString().toLowerCase(java.util.Locale.ROOT))
                        .orElse(null), g.protocol().isEmpty() ? null : g.protocol()));
        session.output().table(table);
        return 0;
    }
}
