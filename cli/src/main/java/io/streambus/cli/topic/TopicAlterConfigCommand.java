package io.streambus.cli.topic;

import io.streambus.cli.CliContext;
import io.streambus.cli.config.ConfigChanges;
import io.streambus.cli.support.OperatorCommand;
import io.streambus.cli.support.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code streambus topic alter-config TOPIC --set KEY=VALUE... --delete KEY...}: incremental, other keys untouched. */
@Command(name = "alter-config", description = "Set or delete configs of a topic; other configs stay as they are.")
final class TopicAlterConfigCommand extends OperatorCommand {

    @Parameters(paramLabel = "TOPIC", description = "The topic.")
    String topic;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Set a config; repeatable.")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = {"-d", "--delete"}, paramLabel = "KEY", description = "Back to the default; repeatable.")
    List<String> deletes = new ArrayList<>();

    TopicAlterConfigCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run(Session session) {
        session.output().table(ConfigChanges.apply(session, new ConfigResource(ConfigResource.Type.TOPIC, topic),
                sets, deletes));
        return 0;
    }
}
