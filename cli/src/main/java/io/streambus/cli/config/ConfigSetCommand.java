package io.streambus.cli.config;

import io.streambus.cli.CliContext;
import io.streambus.cli.support.OperatorCommand;
import io.streambus.cli.support.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code streambus config set (--topic T | --broker ID | --cluster-default) KEY=VALUE... [--delete KEY]...}. */
@Command(name = "set", description = {"Set (or with --delete, remove) configs of a topic or broker, incrementally:",
        "other configs stay as they are. Takes effect at once; read-only broker configs are refused."})
final class ConfigSetCommand extends OperatorCommand {

    @ArgGroup(multiplicity = "1")
    ConfigTarget target;

    @Parameters(paramLabel = "KEY=VALUE", arity = "0..*", description = "Configs to set.")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = {"-d", "--delete"}, paramLabel = "KEY", description = "Remove an override; repeatable.")
    List<String> deletes = new ArrayList<>();

    ConfigSetCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run(Session session) {
        session.output().table(ConfigChanges.apply(session, target.resource(), sets, deletes));
        return 0;
    }
}
