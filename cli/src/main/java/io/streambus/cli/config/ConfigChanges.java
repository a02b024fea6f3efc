package io.streambus.cli.config;

import io.streambus.cli.output.Table;
import io.streambus.cli.support.CliException;
import io.streambus.cli.support.Session;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Reading and changing configs of a topic or broker (shared by {@code config get|set} and
 * {@code topic describe|alter-config}). Stateless.
 */
public final class ConfigChanges {

    private ConfigChanges() {
    }

    /** Sets and deletes keys with IncrementalAlterConfigs; returns a table of what was asked. */
    public static Table apply(Session session, ConfigResource resource, Map<String, String> sets,
                              Collection<String> deletes) {
        if (sets.isEmpty() && deletes.isEmpty()) {
            throw CliException.usage("Nothing to change: give KEY=VALUE to set or --delete KEY");
        }
        List<AlterConfigOp> ops = new ArrayList<>();
        Table table = Table.of("key", "operation", "value");
        sets.forEach((key, value) -> {
            ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
            table.row(key, "set", value);
        });
        for (String key : deletes) {
            ops.add(new AlterConfigOp(new ConfigEntry(key, null), AlterConfigOp.OpType.DELETE));
            table.row(key, "delete", null);
        }
        var future = session.clients().admin().incrementalAlterConfigs(Map.of(resource, ops)).all();
        awaitOn(session, resource, future);
        return table;
    }

    /** The resource's configs: with {@code all}, defaults too; else only those set somewhere. */
    public static Config describe(Session session, ConfigResource resource) {
        var future = session.clients().admin().describeConfigs(List.of(resource)).values().get(resource);
        return awaitOn(session, resource, future);
    }

    /** A table of key, value, source; sensitive values are masked. */
    public static Table table(Config config, boolean all, Collection<String> keys) {
        Table table = Table.of("key", "value", "source");
        config.entries().stream()
                .filter(e -> keys.isEmpty() ? all || !e.isDefault() : keys.contains(e.name()))
                .sorted(java.util.Comparator.comparing(ConfigEntry::name))
                .forEach(e -> table.row(e.name(), e.isSensitive() ? "******" : e.value(), source(e.source())));
        return table;
    }

    public static String source(ConfigEntry.ConfigSource source) {
        return switch (source) {
            case DYNAMIC_TOPIC_CONFIG -> "topic";
            case DYNAMIC_BROKER_CONFIG -> "broker";
            case DYNAMIC_DEFAULT_BROKER_CONFIG -> "cluster-default";
            case DYNAMIC_CLIENT_METRICS_CONFIG, DYNAMIC_GROUP_CONFIG -> "dynamic";
            case STATIC_BROKER_CONFIG -> "static";
            case DEFAULT_CONFIG -> "default";
            default -> "unknown";
        };
    }

    private static <T> T awaitOn(Session session, ConfigResource resource, org.apache.kafka.common.KafkaFuture<T> future) {
        return resource.type() == ConfigResource.Type.TOPIC
                ? session.clients().awaitTopic(future, resource.name())
                : session.clients().await(future);
    }
}
