package io.streambus.cli.cluster;

import io.streambus.cli.CliContext;
import io.streambus.cli.support.OperatorCommand;
import io.streambus.cli.support.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code streambus cluster health}: ready when a broker answers, a controller is known and every partition
 * has a leader; under-replicated partitions are reported but do not make it unready. Exit 0 healthy, 1 not:
 * usable as a readiness probe.
 */
@Command(name = "health", description = {"Check readiness: brokers answer, a controller is known, every partition has a leader.",
        "Exit code 0 when healthy, 1 when not (the report says why)."})
final class ClusterHealthCommand extends OperatorCommand {

    ClusterHealthCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run(Session session) {
        ClusterState state = ClusterState.read(session.clients());
        List<String> offline = state.offlinePartitions();
        List<String> underReplicated = state.underReplicatedPartitions();
        boolean healthy = state.controllerId() != null && !state.brokers().isEmpty() && offline.isEmpty();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("healthy", healthy);
        report.put("brokers", state.brokers().size());
        report.put("controller", state.controllerId());
        report.put("partitions", state.partitionCount());
        report.put("offline_partitions", offline);
        report.put("under_replicated_partitions", underReplicated);
        session.output().pairs(report);
        return healthy ? 0 : 1;
    }
}
