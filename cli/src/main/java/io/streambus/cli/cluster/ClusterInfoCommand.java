package io.streambus.cli.cluster;

import io.streambus.cli.CliContext;
import io.streambus.cli.output.Table;
import io.streambus.cli.support.OperatorCommand;
import io.streambus.cli.support.Session;
import io.streambus.server.StreamBusVersion;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.Node;
import picocli.CommandLine.Command;

/** {@code streambus cluster info}: cluster id, controller, counts, this CLI's version, then the brokers. */
@Command(name = "info", description = "Show the cluster: id, controller, brokers, topic and partition counts.")
final class ClusterInfoCommand extends OperatorCommand {

    ClusterInfoCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run(Session session) {
        ClusterState state = ClusterState.read(session.clients());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("cluster_id", state.clusterId());
        summary.put("controller", state.controllerId());
        summary.put("brokers", state.brokers().size());
        summary.put("topics", state.topics().values().stream().filter(t -> !t.isInternal()).count());
        summary.put("internal_topics", state.topics().values().stream().filter(t -> t.isInternal()).count());
        summary.put("partitions", state.partitionCount());
        summary.put("cli_version", StreamBusVersion.current());
        Table brokers = Table.of("id", "host", "port", "rack", "controller");
        state.brokers().stream().sorted(Comparator.comparingInt(Node::id)).forEach(node -> brokers.row(node.id(),
                node.host(), node.port(), node.rack(), Objects.equals(state.controllerId(), node.id())));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("cluster", summary);
        report.put("brokers", brokers);
        session.output().report(report);
        return 0;
    }
}
