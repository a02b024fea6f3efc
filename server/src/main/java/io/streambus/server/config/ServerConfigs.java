package io.streambus.server.config;

import static io.streambus.metadata.config.ConfigValidator.atLeast;
import static io.streambus.metadata.config.ConfigValidator.oneOf;

import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.metadata.config.ConfigDef;
import io.streambus.metadata.config.ConfigKey;

/**
 * Every key a server's configuration accepts: the broker keys of {@link BrokerConfigs} (Kafka's names),
 * then StreamBus's own process-level keys under {@value #NAMESPACE}. Keys under
 * {@value #EXTENSION_NAMESPACE} are not declared here: they are passed through unchecked, for
 * extensions and plugins that validate their own settings.
 */
public final class ServerConfigs {

    /** StreamBus's own keys, for settings Kafka has no name for. */
    public static final String NAMESPACE = "streambus.";
    /** Reserved for extensions: any key under it is accepted and kept as a string. */
    public static final String EXTENSION_NAMESPACE = "streambus.ext.";

    private static final ConfigDef SERVER_DEF = new ConfigDef();
    private static final ConfigDef ALL = new ConfigDef();

    public static final ConfigKey<String> LOG_LEVEL = SERVER_DEF.define(ConfigKey.ofString("streambus.log.level",
            "INFO", oneOf("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"),
            "Log level of StreamBus's own loggers (io.streambus.*). Other libraries log at WARN and above.")
            .readOnly());
    public static final ConfigKey<Long> SHUTDOWN_TIMEOUT_MS = SERVER_DEF.define(ConfigKey.ofLong(
            "streambus.shutdown.timeout.ms", 30_000L, atLeast(0),
            "How long a clean shutdown (SIGTERM, Ctrl-C) may take before the remaining components are abandoned.")
            .readOnly());

    static {
        BrokerConfigs.definition().keys().forEach(ALL::define);
        SERVER_DEF.keys().forEach(ALL::define);
    }

    private ServerConfigs() {
    }

    /** All declared keys: broker keys first, then the {@value #NAMESPACE} keys. */
    public static ConfigDef definition() {
        return ALL;
    }

    /** Only the {@value #NAMESPACE} keys. */
    public static ConfigDef serverDefinition() {
        return SERVER_DEF;
    }

    /** Whether a key is in the extension namespace and so accepted without a declaration. */
    public static boolean isExtensionKey(String key) {
        return key.startsWith(EXTENSION_NAMESPACE) && key.length() > EXTENSION_NAMESPACE.length();
    }
}
