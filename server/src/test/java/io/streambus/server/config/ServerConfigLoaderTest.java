package io.streambus.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streambus.metadata.config.BrokerConfigs;
import io.streambus.metadata.config.ConfigKey;
import io.streambus.metadata.config.ConfigResolver;
import io.streambus.metadata.config.ConfigSource;
import io.streambus.metadata.config.EffectiveTopicConfig;
import io.streambus.metadata.config.ConfigType;
import io.streambus.metadata.config.TopicConfigs;
import io.streambus.metadata.image.MetadataImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerConfigLoaderTest {

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("streambus.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void noSourcesGiveTheDefaults() {
        ServerConfig config = new ServerConfigLoader().load();
        assertThat(config.nodeId()).isEqualTo(1);
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.listeners()).containsExactly(new Listener("PLAINTEXT", "127.0.0.1", 9092));
        assertThat(config.advertisedListeners()).isEqualTo(config.listeners());
        assertThat(config.numPartitions()).isEqualTo(1);
        assertThat(config.logLevel()).isEqualTo("INFO");
        assertThat(config.staticBrokerConfigs()).isEmpty();
        assertThat(config.origin("num.partitions")).isEqualTo("default");
    }

    @Test
    void flatNestedAndMixedKeysAreFlattenedWithDots() throws IOException {
        ServerConfig config = new ServerConfigLoader().file(yaml("""
                num.partitions: 3
                log:
                  retention:
                    ms: 1000
                  segment.bytes: 2048
                auto.create.topics.enable: false
                """)).load();
        assertThat(config.numPartitions()).isEqualTo(3);
        assertThat(config.value(ServerConfigs.definition().key("log.retention.ms").orElseThrow())).isEqualTo(1000L);
        assertThat(config.staticBrokerConfigs()).containsEntry("log.retention.ms", "1000")
                .containsEntry("log.segment.bytes", "2048").containsEntry("num.partitions", "3");
        assertThat(config.autoCreateTopicsEnable()).isFalse();
        assertThat(config.origin("log.retention.ms")).endsWith("streambus.yaml:4");
    }

    @Test
    void scalarsKeepTheirTextAndListsBecomeCommaSeparated() throws IOException {
        ServerConfig config = new ServerConfigLoader().file(yaml("""
                node.id: 010
                listeners:
                  - PLAINTEXT://127.0.0.1:9192
                log.cleanup.policy: [compact, delete]
                """)).load();
        assertThat(config.nodeId()).isEqualTo(10);
        assertThat(config.listeners()).containsExactly(new Listener("PLAINTEXT", "127.0.0.1", 9192));
        assertThat(config.staticBrokerConfigs()).containsEntry("log.cleanup.policy", "compact,delete");
    }

    @Test
    void environmentOverridesTheFileAndSetOverridesTheEnvironmentAndFlagsOverrideAll() throws IOException {
        Path file = yaml("num.partitions: 2\ndefault.replication.factor: 2\nnode.id: 4\nlog.dirs: /from/file\n");
        Map<String, String> env = Map.of("STREAMBUS_NUM_PARTITIONS", "5", "STREAMBUS_NODE_ID", "6",
                "STREAMBUS_LOG_DIRS", "/from/env", "STREAMBUS_JAVA_HOME", "/usr/lib/jvm/x", "PATH", "/bin");
        ServerConfig config = new ServerConfigLoader().file(file).environment(env)
                .set("node.id=7").set("log.dirs=/from/set").set("node.id=8")
                .flag("--data-dir", BrokerConfigs.LOG_DIRS, "/from/flag").load();
        assertThat(config.defaultReplicationFactor()).isEqualTo((short) 2);
        assertThat(config.numPartitions()).isEqualTo(5);
        assertThat(config.origin("num.partitions")).isEqualTo("environment variable STREAMBUS_NUM_PARTITIONS");
        assertThat(config.nodeId()).isEqualTo(8);
        assertThat(config.origin("node.id")).isEqualTo("--set node.id=8");
        assertThat(config.dataDir()).isEqualTo(Path.of("/from/flag"));
        assertThat(config.origin("log.dirs")).isEqualTo("--data-dir");
    }

    @Test
    void environmentReachesOurNamespaceWithoutRepeatingStreambus() {
        ServerConfig config = new ServerConfigLoader().environment(Map.of("STREAMBUS_LOG_LEVEL", "DEBUG")).load();
        assertThat(config.logLevel()).isEqualTo("DEBUG");
        assertThat(config.staticBrokerConfigs()).isEmpty();
    }

    @Test
    void extensionNamespacePassesThroughButOtherStreambusKeysAreChecked() {
        ServerConfig config = new ServerConfigLoader().set("streambus.ext.audit.sink=kafka").load();
        assertThat(config.extensions()).containsExactly(Map.entry("streambus.ext.audit.sink", "kafka"));
        assertThatThrownBy(() -> new ServerConfigLoader().set("streambus.log.levl=DEBUG").load())
                .isInstanceOf(ServerConfigException.class)
                .hasMessageContaining("'streambus.log.levl'").hasMessageContaining("did you mean 'streambus.log.level'?");
    }

    @Test
    void unknownKeyNamesTheKeyItsOriginAndASuggestion() throws IOException {
        Path file = yaml("num.partitions: 1\nnmu.partitions: 3\n");
        assertThatThrownBy(() -> new ServerConfigLoader().file(file).load())
                .isInstanceOfSatisfying(ServerConfigException.class, e -> assertThat(e.key()).isEqualTo("nmu.partitions"))
                .hasMessage("Unknown configuration key 'nmu.partitions' (" + file + ":2); did you mean 'num.partitions'?");
    }

    @Test
    void topicConfigNameSuggestsItsBrokerDefaultAndFarOffNamesSuggestNothing() {
        assertThatThrownBy(() -> new ServerConfigLoader().set("retention.ms=5").load())
                .hasMessageContaining("did you mean 'log.retention.ms'?");
        assertThatThrownBy(() -> new ServerConfigLoader().environment(Map.of("STREAMBUS_WIBBLE", "1")).load())
                .hasMessage("Unknown configuration key 'wibble' (environment variable STREAMBUS_WIBBLE); "
                        + "see config/streambus.yaml for every key");
    }

    @Test
    void invalidValueNamesKeyOriginAndAcceptedValues() {
        assertThatThrownBy(() -> new ServerConfigLoader().set("num.partitions=0").load())
                .isInstanceOfSatisfying(ServerConfigException.class, e -> assertThat(e.key()).isEqualTo("num.partitions"))
                .hasMessage("Invalid value 0 for configuration num.partitions: Value must be at least 1 "
                        + "(--set num.partitions=0); accepted: an integer >= 1");
        assertThatThrownBy(() -> new ServerConfigLoader().environment(Map.of("STREAMBUS_LOG_FLUSH_POLICY", "always"))
                .load())
                .hasMessageContaining("log.flush.policy").hasMessageContaining("environment variable")
                .hasMessageContaining("fsync, interval, none");
    }

    static Stream<ConfigKey<?>> checkedKeys() {
        return ServerConfigs.definition().keys().stream()
                .filter(k -> k.type() != ConfigType.STRING || !k.validator().describe().isEmpty())
                .filter(k -> k.type() != ConfigType.LIST || !k.validator().describe().isEmpty());
    }

    /** A value no declared key of this type accepts. */
    private static String invalidValue(ConfigKey<?> key) {
        return switch (key.type()) {
            case BOOLEAN -> "maybe";
            case INT, LONG, DOUBLE -> "lots";
            case STRING, LIST -> "no-such-value";
        };
    }

    @ParameterizedTest
    @MethodSource("checkedKeys")
    void everyInvalidValueErrorNamesItsKey(ConfigKey<?> key) {
        assertThatThrownBy(() -> new ServerConfigLoader().set(key.name() + "=" + invalidValue(key)).load())
                .isInstanceOfSatisfying(ServerConfigException.class, e -> assertThat(e.key()).isEqualTo(key.name()))
                .hasMessageContaining(key.name()).hasMessageContaining("accepted: ");
    }

    @Test
    void yamlErrorsAreClear() throws IOException {
        assertThatThrownBy(() -> new ServerConfigLoader().file(dir.resolve("missing.yaml")).load())
                .hasMessage("Config file not found: " + dir.resolve("missing.yaml"));
        Path broken = yaml("num.partitions: [1\n");
        assertThatThrownBy(() -> new ServerConfigLoader().file(broken).load())
                .hasMessageStartingWith("Config file " + broken + " is not valid YAML at line");
        Path list = yaml("num.partitions: [1, 2]\n");
        assertThatThrownBy(() -> new ServerConfigLoader().file(list).load())
                .hasMessage("num.partitions takes a single value, not a list (" + list + ":1)");
        Path empty = yaml("broker.rack:\n");
        assertThatThrownBy(() -> new ServerConfigLoader().file(empty).load())
                .hasMessage("broker.rack has no value (" + empty + ":1); remove the line to use the default");
        Path twice = yaml("log.retention.ms: 1\nlog:\n  retention.ms: 2\n");
        assertThatThrownBy(() -> new ServerConfigLoader().file(twice).load())
                .hasMessage("log.retention.ms is set twice (" + twice + ":1 and " + twice + ":3)");
        Path scalar = yaml("just text\n");
        assertThatThrownBy(() -> new ServerConfigLoader().file(scalar).load())
                .hasMessageContaining("must be a map of settings");
    }

    @Test
    void emptyFileGivesDefaults() throws IOException {
        assertThat(new ServerConfigLoader().file(yaml("# nothing set\n")).load().numPartitions()).isEqualTo(1);
    }

    @Test
    void malformedSetIsAnError() {
        assertThatThrownBy(() -> new ServerConfigLoader().set("num.partitions").load())
                .hasMessage("--set expects key=value, got 'num.partitions'");
    }

    @Test
    void listenerRulesAcrossKeys() {
        assertThatThrownBy(() -> new ServerConfigLoader().set("listeners=PLAINTEXT://:9092,PLAINTEXT://:9093").load())
                .hasMessageContaining("Listener name PLAINTEXT appears twice in listeners");
        assertThatThrownBy(() -> new ServerConfigLoader().set("listeners=").load())
                .hasMessageContaining("listeners must name at least one listener");
        assertThatThrownBy(() -> new ServerConfigLoader().set("listeners=localhost:9092").load())
                .isInstanceOfSatisfying(ServerConfigException.class, e -> assertThat(e.key()).isEqualTo("listeners"))
                .hasMessageContaining("expected NAME://host:port");
        assertThatThrownBy(() -> new ServerConfigLoader().set("advertised.listeners=INTERNAL://example.com:9093").load())
                .hasMessageContaining("not a security protocol");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SSL://127.0.0.1:9093", "SASL_PLAINTEXT://127.0.0.1:9094", "SASL_SSL://127.0.0.1:9095"})
    void aListenerThatPromisesSecurityRefusesToStartUntilSecurityExists(String secure) {
        // Starting it as plain text would be a security hole: the operator asked for TLS or authentication.
        assertThatThrownBy(() -> new ServerConfigLoader().set("listeners=PLAINTEXT://127.0.0.1:9092," + secure).load())
                .isInstanceOfSatisfying(ServerConfigException.class, e -> assertThat(e.key()).isEqualTo("listeners"))
                .hasMessageContaining(secure).hasMessageContaining("is not available yet");
        assertThatThrownBy(() -> new ServerConfigLoader().set("listeners=PLAINTEXT://127.0.0.1:9092")
                .set("advertised.listeners=" + secure).load())
                .isInstanceOfSatisfying(ServerConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("advertised.listeners"))
                .hasMessageContaining("is not available yet");
    }

    @Test
    void advertisedListenersDefaultToListenersAndMustBeReachable() {
        ServerConfig config = new ServerConfigLoader().set("listeners=PLAINTEXT://0.0.0.0:9092")
                .set("advertised.listeners=PLAINTEXT://broker1.example.com:9092").load();
        assertThat(config.listeners()).containsExactly(new Listener("PLAINTEXT", "0.0.0.0", 9092));
        assertThat(config.advertisedListeners()).containsExactly(new Listener("PLAINTEXT", "broker1.example.com", 9092));
        assertThatThrownBy(() -> new ServerConfigLoader().set("advertised.listeners=PLAINTEXT://0.0.0.0:9092").load())
                .isInstanceOfSatisfying(ServerConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("advertised.listeners"))
                .hasMessageContaining("needs a host and port clients can connect to");
    }

    @Test
    void dataDirectoryIsExactlyOneDirectory() {
        assertThatThrownBy(() -> new ServerConfigLoader().set("log.dirs=/a,/b").load())
                .isInstanceOfSatisfying(ServerConfigException.class, e -> assertThat(e.key()).isEqualTo("log.dirs"))
                .hasMessageContaining("exactly one data directory");
    }

    @Test
    void queuedRequestBytesMustFitTheLargestRequest() {
        assertThatThrownBy(() -> new ServerConfigLoader().set("queued.max.request.bytes=1000").load())
                .isInstanceOfSatisfying(ServerConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("queued.max.request.bytes"))
                .hasMessageContaining("at least socket.request.max.bytes");
        assertThat(new ServerConfigLoader().set("queued.max.request.bytes=1000").set("socket.request.max.bytes=1000")
                .load().queuedMaxRequestBytes()).isEqualTo(1000L);
    }

    @Test
    void staticBrokerConfigsFeedTheResolverAsStaticDefaults() {
        ServerConfig config = new ServerConfigLoader().set("log.retention.hours=24").set("log.flush.policy=interval")
                .set("node.id=3").load();
        EffectiveTopicConfig effective = new ConfigResolver(config.nodeId(), config.staticBrokerConfigs())
                .resolveTopic(MetadataImage.EMPTY, Map.of("flush.policy", "none"));
        assertThat(effective.value(TopicConfigs.RETENTION_MS)).isEqualTo(24L * 60 * 60 * 1000);
        assertThat(effective.resolved("retention.ms").source()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(effective.value(TopicConfigs.FLUSH_POLICY)).isEqualTo("none");
    }

    @Test
    void typedAccessorsReadTheirKeys() {
        ServerConfig config = new ServerConfigLoader().set("connections.max.idle.ms=-1").set("max.connections=10")
                .set("streambus.shutdown.timeout.ms=5").load();
        assertThat(config.connectionsMaxIdleMs()).isEqualTo(-1L);
        assertThat(config.maxConnections()).isEqualTo(10);
        assertThatThrownBy(() -> new ServerConfigLoader().set("queued.max.requests=7").load())
                .isInstanceOfSatisfying(ServerConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("queued.max.requests"))
                .hasMessageContaining("not supported yet");
        assertThat(config.shutdownTimeoutMs()).isEqualTo(5L);
        assertThat(config.socketRequestMaxBytes()).isEqualTo(100 * 1024 * 1024);
        assertThat(config.value(BrokerConfigs.LISTENERS)).isEqualTo(List.of("PLAINTEXT://127.0.0.1:9092"));
    }
}
