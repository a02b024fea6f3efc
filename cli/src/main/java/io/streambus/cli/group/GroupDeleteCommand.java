package io.streambus.cli.group;

import io.streambus.cli.CliContext;
import io.streambus.cli.output.Table;
import io.streambus.cli.support.CliException;
import io.streambus.cli.support.OperatorCommand;
import io.streambus.cli.support.Session;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.DeleteConsumerGroupsResult;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code streambus group delete GROUP... [--yes]}: only groups without active members can go. */
@Command(name = "delete", description = "Delete groups (their committed offsets); groups with active members are refused.")
final class GroupDeleteCommand extends OperatorCommand {

    @Parameters(paramLabel = "GROUP", arity = "1..*", description = "Groups to delete.")
    List<String> groups;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    GroupDeleteCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run(Session session) {
        session.confirm("Delete group" + (groups.size() > 1 ? "s " : " ") + String.join(", ", groups)
                + " and their committed offsets?", yes);
        DeleteConsumerGroupsResult result = session.clients().admin().deleteConsumerGroups(groups);
        Table table = Table.of("group", "status");
        List<String> failures = new ArrayList<>();
        for (String group : groups) {
            try {
                session.clients().await(result.deletedGroups().get(group));
                table.row(group, "deleted");
            } catch (CliException e) {
                String reason = switch (e.getCause()) {
                    case GroupIdNotFoundException x -> "does not exist";
                    case GroupNotEmptyException x -> "has active members";
                    case TimeoutException x -> throw e;
                    case null, default -> "not deleted: " + e.getMessage();
                };
                table.row(group, reason);
                failures.add("Group '" + group + "' " + reason);
            }
        }
        session.output().table(table);
        failures.forEach(f -> session.output().notice("streambus: " + f));
        return failures.isEmpty() ? 0 : 1;
    }
}
