package io.streambus.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.streambus.metadata.config.ConfigKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleConfigTest {

    /** Surefire runs in the module directory; the file is at the repository root. */
    private static final Path COMMITTED = Path.of("..").resolve(ExampleConfigGenerator.PATH);
    private static final String REGENERATE = "streambus.regenerate";
    private static final Pattern VALUE_LINE = Pattern.compile("(?m)^#([a-z][a-z0-9.]*): ");

    @Test
    void committedFileIsUpToDate() throws IOException {
        String generated = ExampleConfigGenerator.generate();
        if (Boolean.getBoolean(REGENERATE)) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        assertThat(committed)
                .withFailMessage("%s is out of date with the config declarations. Regenerate it with:%n"
                        + "  ./mvnw -B -q -pl server -am test -Dtest=ExampleConfigTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -D%s=true", ExampleConfigGenerator.PATH, REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void everyKeyIsDocumented() {
        String generated = ExampleConfigGenerator.generate();
        for (ConfigKey<?> key : ServerConfigs.definition().keys()) {
            assertThat(generated).contains("\n#" + key.name() + ":");
        }
    }

    @Test
    void uncommentingEveryDefaultLoadsTheDefaults(@TempDir Path dir) throws IOException {
        String uncommented = VALUE_LINE.matcher(ExampleConfigGenerator.generate()).replaceAll("$1: ");
        Path file = dir.resolve("all.yaml");
        // Keys without a default have no value to uncomment: they stay commented (their line has no ': ').
        Files.writeString(file, uncommented);
        ServerConfig fromFile = new ServerConfigLoader().file(file).load();
        ServerConfig defaults = new ServerConfigLoader().load();
        for (ConfigKey<?> key : ServerConfigs.definition().keys()) {
            assertThat((Object) fromFile.value(key)).as(key.name()).isEqualTo(defaults.value(key));
        }
        assertThat(fromFile.staticBrokerConfigs()).hasSizeGreaterThan(30);
    }
}
