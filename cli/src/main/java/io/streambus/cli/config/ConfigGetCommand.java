package io.streambus.cli.config;

import io.streambus.cli.CliContext;
import io.streambus.cli.output.Table;
import io.streambus.cli.support.CliException;
import io.streambus.cli.support.OperatorCommand;
import io.streambus.cli.support.Session;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Config;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code streambus config get (--topic T | --broker ID) [KEY...] [--all]}: key, value, source. */
@Command(name = "get", description = {"Show configs of a topic or broker: those set (default), the keys named, or --all."})
final class ConfigGetCommand extends OperatorCommand {

    @ArgGroup(multiplicity = "1")
    ConfigTarget target;

    @Parameters(paramLabel = "KEY", arity = "0..*", description = "Only these keys.")
    List<String> keys = new ArrayList<>();

    @Option(names = {"-a", "--all"}, description = "Every config, defaults included.")
    boolean all;

    ConfigGetCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run(Session session) {
        Config config = ConfigChanges.describe(session, target.resource());
        for (String key : keys) {
            if (config.get(key) == null) {
                throw new CliException("No config '" + key + "' for " + target.describe());
            }
        }
        Table table = ConfigChanges.table(config, all, keys);
        session.output().table(table);
        return 0;
    }
}
