package io.streambus.metadata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDefTest {

    private final ConfigDef def = new ConfigDef();
    private final ConfigKey<Integer> port = def.define(ConfigKey.ofInt("port", 9092,
            ConfigValidator.between(1, 65535), "port"));
    private final ConfigKey<Boolean> flag = def.define(ConfigKey.ofBoolean("flag", false, "flag"));
    private final ConfigKey<Double> ratio = def.define(ConfigKey.ofDouble("ratio", 0.5,
            ConfigValidator.between(0, 1), "ratio"));
    private final ConfigKey<List<String>> policy = def.define(ConfigKey.ofList("policy", List.of("delete"),
            ConfigValidator.listOf(false, "delete", "compact"), "policy"));
    private final ConfigKey<String> mode = def.define(ConfigKey.ofString("mode", "a",
            ConfigValidator.oneOf("a", "b"), "mode"));
    private final ConfigKey<String> secret = def.define(ConfigKey.ofString("secret", null, null, "s").sensitive());

    @Test
    void parsesEveryTypeAndFillsDefaults() {
        ConfigValues values = def.parse(Map.of("port", " 1234 ", "flag", "TRUE", "policy", "compact, delete",
                "ratio", "0.25"), false);
        assertThat(values.get(port)).isEqualTo(1234);
        assertThat(values.get(flag)).isTrue();
        assertThat(values.get(ratio)).isEqualTo(0.25);
        assertThat(values.get(policy)).containsExactly("compact", "delete");
        assertThat(values.get(mode)).isEqualTo("a");
        assertThat(values.get(secret)).isNull();
        assertThat(values.isSet(port)).isTrue();
        assertThat(values.isSet(mode)).isFalse();
        assertThat(policy.format(values.get(policy))).isEqualTo("compact,delete");
        assertThat(secret.isSensitive()).isTrue();
    }

    @Test
    void errorsNameTheKeyAndTheAcceptedValues() {
        assertThatThrownBy(() -> def.parse("port", "x"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Invalid value x for configuration port: Not a number of type INT")
                .extracting(e -> ((InvalidConfigException) e).key()).isEqualTo("port");
        assertThatThrownBy(() -> def.parse("port", "0")).hasMessageContaining("port").hasMessageContaining("at least 1");
        assertThatThrownBy(() -> def.parse("port", "70000")).hasMessageContaining("no more than 65535");
        assertThatThrownBy(() -> def.parse("flag", "yes")).hasMessageContaining("either true or false");
        assertThatThrownBy(() -> def.parse("mode", "c")).hasMessageContaining("mode").hasMessageContaining("a, b");
        assertThatThrownBy(() -> def.parse("policy", "delete,purge")).hasMessageContaining("delete, compact");
        assertThatThrownBy(() -> def.parse("policy", "")).hasMessageContaining("Empty list");
        assertThatThrownBy(() -> def.parse("policy", "delete,delete")).hasMessageContaining("repeat");
        assertThatThrownBy(() -> def.parse("nope", "1")).hasMessage("Unknown configuration nope");
        assertThatThrownBy(() -> def.parse(Map.of("nope", "1"), false)).isInstanceOf(InvalidConfigException.class);
        assertThat(def.parse(Map.of("nope", "1"), true).originals()).containsKey("nope");
    }

    @Test
    void keysAreDeclaredOnceAndDefaultsMustBeValid() {
        assertThatThrownBy(() -> def.define(ConfigKey.ofInt("port", 1, null, "again")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigKey.ofInt("bad", 0, ConfigValidator.atLeast(1), "bad"))
                .isInstanceOf(InvalidConfigException.class);
    }
}
