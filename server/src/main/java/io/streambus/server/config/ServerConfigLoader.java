package io.streambus.server.config;

import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.metadata.config.ConfigDef;
import io.streambus.metadata.config.ConfigKey;
import io.streambus.metadata.config.ConfigType;
import io.streambus.metadata.config.ConfigValues;
import io.streambus.metadata.config.InvalidConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * Builds a {@link ServerConfig} from layers, each overriding the one before: the YAML file, then
 * {@code STREAMBUS_*} environment variables, then {@code --set key=value} flags, then dedicated
 * flags such as {@code --data-dir}. Then every value is checked against {@link ServerConfigs}:
 * unknown keys (with a "did you mean"), invalid values (with the accepted values), and the rules that
 * span keys (listeners). Errors name the key and where it was set. Used by one thread, once.
 */
public final class ServerConfigLoader {

    /** Prefix of environment variables that override keys: STREAMBUS_NUM_PARTITIONS → num.partitions. */
    public static final String ENV_PREFIX = "STREAMBUS_";
    /** Variables of the launcher script, not config keys. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("STREAMBUS_JAVA_HOME", "STREAMBUS_JVM_OPTS",
            "STREAMBUS_HOME");

    private final ConfigDef def = ServerConfigs.definition();
    private Path file;
    private Map<String, String> environment = Map.of();
    private final List<String> sets = new ArrayList<>();
    private final Map<String, RawValue> flags = new LinkedHashMap<>();

    /** The YAML file; without one, only defaults and overrides apply. */
    public ServerConfigLoader file(Path yamlFile) {
        this.file = yamlFile;
        return this;
    }

    /** The process environment (or a test's); only {@code STREAMBUS_*} variables are read. */
    public ServerConfigLoader environment(Map<String, String> env) {
        this.environment = Map.copyOf(env);
        return this;
    }

    /** One {@code --set key=value}; later ones win. */
    public ServerConfigLoader set(String keyEqualsValue) {
        sets.add(keyEqualsValue);
        return this;
    }

    /** A dedicated flag that sets a key, e.g. {@code --data-dir} for {@code log.dirs}; overrides everything. */
    public ServerConfigLoader flag(String flagName, ConfigKey<?> key, String value) {
        flags.put(key.name(), new RawValue(value, flagName));
        return this;
    }

    /**
     * Merges the layers and validates the result.
     *
     * @throws ServerConfigException naming the first bad key, what it accepts and where it was set
     */
    public ServerConfig load() {
        Map<String, RawValue> raw = new LinkedHashMap<>();
        if (file != null) {
            raw.putAll(YamlConfigFile.read(file, this::isListKey));
        }
        raw.putAll(environmentOverrides());
        raw.putAll(setOverrides());
        raw.putAll(flags);

        Map<String, String> strings = new LinkedHashMap<>();
        Map<String, String> extensions = new LinkedHashMap<>();
        Map<String, String> staticBroker = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            if (ServerConfigs.isExtensionKey(key)) {
                extensions.put(key, value.value());
                return;
            }
            ConfigKey<?> configKey = def.key(key).orElseThrow(() -> unknownKey(key, value));
            parse(configKey, value);
            strings.put(key, value.value());
            if (BrokerConfigs.definition().contains(key)) {
                staticBroker.put(key, value.value());
            }
        });
        ConfigValues values = def.parse(strings, false);
        Path dataDir = dataDir(values, raw);
        // The controller listener speaks Raft, not Kafka: it is split off before the Kafka listeners are checked.
        Set<String> controllerNames = ControllerQuorum.controllerListenerNames(values);
        List<String> kafkaTexts = new ArrayList<>();
        List<Listener> controllerListeners = new ArrayList<>();
        for (String text : values.get(BrokerConfigs.LISTENERS)) {
            if (controllerNames.contains(listenerName(text))) {
                controllerListeners.add(Listener.parseNamed(BrokerConfigs.LISTENERS.name(), text));
            } else {
                kafkaTexts.add(text);
            }
        }
        List<Listener> listeners = listeners(BrokerConfigs.LISTENERS, kafkaTexts, raw);
        List<Listener> advertised = advertisedListeners(values, listeners, raw);
        Optional<ControllerQuorum> quorum = ControllerQuorum.parse(values, controllerListeners, raw);
        checkRequestLimits(values, raw);
        raw.keySet().removeAll(extensions.keySet());
        return new ServerConfig(values, dataDir, listeners, advertised, quorum, raw, staticBroker, extensions);
    }

    private boolean isListKey(String key) {
        return def.key(key).map(k -> k.type() == ConfigType.LIST).orElse(false);
    }

    private Map<String, RawValue> environmentOverrides() {
        Map<String, RawValue> out = new LinkedHashMap<>();
        environment.entrySet().stream()
                .filter(e -> e.getKey().startsWith(ENV_PREFIX) && !LAUNCHER_VARIABLES.contains(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.put(envKey(e.getKey()),
                        new RawValue(e.getValue(), "environment variable " + e.getKey())));
        return out;
    }

    /** STREAMBUS_NUM_PARTITIONS → num.partitions; STREAMBUS_LOG_LEVEL → streambus.log.level (our namespace). */
    private String envKey(String variable) {
        String key = variable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
        if (!def.contains(key) && def.contains(ServerConfigs.NAMESPACE + key)) {
            return ServerConfigs.NAMESPACE + key;
        }
        return key;
    }

    private Map<String, RawValue> setOverrides() {
        Map<String, RawValue> out = new LinkedHashMap<>();
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new ServerConfigException(null, "--set expects key=value, got '" + set + "'");
            }
            out.put(set.substring(0, eq).trim(), new RawValue(set.substring(eq + 1), "--set " + set));
        }
        return out;
    }

    private ServerConfigException unknownKey(String key, RawValue value) {
        String message = "Unknown configuration key '" + key + "' (" + value.origin() + ")";
        List<String> names = def.keys().stream().map(ConfigKey::name).toList();
        message += new KeySuggester(names).suggest(key).map(s -> "; did you mean '" + s + "'?")
                .orElse("; see config/streambus.yaml for every key");
        return new ServerConfigException(key, message);
    }

    private static void parse(ConfigKey<?> key, RawValue value) {
        try {
            key.parse(value.value());
        } catch (InvalidConfigException e) {
            String accepted = AcceptedValues.describe(key);
            throw new ServerConfigException(key.name(), e.getMessage() + " (" + value.origin() + "); accepted: "
                    + accepted, e);
        }
    }

    private static Path dataDir(ConfigValues values, Map<String, RawValue> raw) {
        List<String> dirs = values.get(BrokerConfigs.LOG_DIRS);
        String key = BrokerConfigs.LOG_DIRS.name();
        if (dirs.size() != 1 || dirs.getFirst().isBlank()) {
            throw new ServerConfigException(key, key + " must name exactly one data directory for now, got '"
                    + String.join(",", dirs) + "' (" + origin(raw, key) + ")");
        }
        return Path.of(dirs.getFirst());
    }

    private static List<Listener> listeners(ConfigKey<List<String>> key, List<String> texts,
                                            Map<String, RawValue> raw) {
        if (texts.isEmpty()) {
            throw new ServerConfigException(key.name(), key.name() + " must name at least one listener ("
                    + origin(raw, key.name()) + ")");
        }
        List<Listener> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String text : texts) {
            Listener listener;
            try {
                listener = Listener.parse(key.name(), text);
            } catch (ServerConfigException e) {
                throw new ServerConfigException(key.name(), e.getMessage() + " (" + origin(raw, key.name()) + ")");
            }
            if (listener.securityProtocol() != SecurityProtocol.PLAINTEXT) {
                // A listener named for TLS or SASL must never come up as plain text.
                throw new ServerConfigException(key.name(), "Listener " + listener + " in " + key.name() + " ("
                        + origin(raw, key.name()) + ") asks for security protocol " + listener.name()
                        + ", which is not available yet: StreamBus serves PLAINTEXT listeners only until TLS and "
                        + "SASL land");
            }
            if (!names.add(listener.name())) {
                throw new ServerConfigException(key.name(), "Listener name " + listener.name() + " appears twice in "
                        + key.name() + " (" + origin(raw, key.name()) + "); each listener needs its own name");
            }
            out.add(listener);
        }
        return out;
    }

    private static String listenerName(String text) {
        int separator = text.indexOf("://");
        return separator < 0 ? "" : text.substring(0, separator).strip().toUpperCase(Locale.ROOT);
    }

    private static List<Listener> advertisedListeners(ConfigValues values, List<Listener> listeners,
                                                      Map<String, RawValue> raw) {
        ConfigKey<List<String>> key = BrokerConfigs.ADVERTISED_LISTENERS;
        List<String> texts = values.get(key);
        if (texts == null) {
            return listeners;
        }
        List<Listener> advertised = listeners(key, texts, raw);
        Set<String> bound = new HashSet<>();
        listeners.forEach(l -> bound.add(l.name()));
        for (Listener listener : advertised) {
            if (!bound.contains(listener.name())) {
                throw new ServerConfigException(key.name(), "Advertised listener " + listener + " has no listener "
                        + "named " + listener.name() + " in listeners (" + origin(raw, key.name()) + ")");
            }
            if (listener.isWildcardHost() || listener.port() == 0) {
                throw new ServerConfigException(key.name(), "Advertised listener " + listener + " needs a host "
                        + "and port clients can connect to (" + origin(raw, key.name()) + ")");
            }
        }
        return advertised;
    }

    private static void checkRequestLimits(ConfigValues values, Map<String, RawValue> raw) {
        long queued = values.get(BrokerConfigs.QUEUED_MAX_REQUEST_BYTES);
        int requestMax = values.get(BrokerConfigs.SOCKET_REQUEST_MAX_BYTES);
        if (queued < requestMax) {
            String key = BrokerConfigs.QUEUED_MAX_REQUEST_BYTES.name();
            throw new ServerConfigException(key, key + " (" + queued + ", " + origin(raw, key) + ") must be at least "
                    + "socket.request.max.bytes (" + requestMax + "), or the largest request could never "
                    + "be read");
        }
    }

    private static String origin(Map<String, RawValue> raw, String key) {
        RawValue value = raw.get(key);
        return value == null ? "default" : value.origin();
    }
}
