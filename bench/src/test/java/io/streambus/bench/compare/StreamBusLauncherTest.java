package io.streambus.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness starts StreamBus with the launcher's AOT cache exactly when the launcher would use it. */
class StreamBusLauncherTest {

    private static final Path JAVA = Path.of("java");

    @TempDir
    Path dir;

    @Test
    void usesACacheAtLeastAsNewAsTheJar() throws IOException {
        Path jar = file("streambus.jar", Instant.parse("2026-01-01T00:00:00Z"));
        Path aot = file("streambus.aot", Instant.parse("2026-01-01T00:00:05Z"));
        assertThat(StreamBusLauncher.ofJar(JAVA, jar, List.of("-XX:+UseZGC")).describeJvm())
                .startsWith("-XX:+UseZGC -XX:AOTCache=" + aot.toAbsolutePath() + " ");
    }

    @Test
    void ignoresAStaleCacheOrNone() throws IOException {
        Path jar = file("streambus.jar", Instant.parse("2026-01-01T00:00:05Z"));
        assertThat(StreamBusLauncher.ofJar(JAVA, jar, List.of("-XX:+UseZGC")).describeJvm()).doesNotContain("AOTCache");
        file("streambus.aot", Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(StreamBusLauncher.ofJar(JAVA, jar, List.of("-XX:+UseZGC")).describeJvm()).doesNotContain("AOTCache");
    }

    @Test
    void programFilesAreTheJarAndTheCacheItUses() throws IOException {
        Path jar = file("streambus.jar", Instant.parse("2026-01-01T00:00:05Z"));
        assertThat(StreamBusLauncher.ofJar(JAVA, jar, List.of()).programFiles()).containsExactly(jar);
        Path aot = file("streambus.aot", Instant.parse("2026-01-01T00:00:06Z"));
        assertThat(StreamBusLauncher.ofJar(JAVA, jar, List.of()).programFiles()).containsExactly(jar, aot);
    }

    @Test
    void cacheLivesBesideTheJar() {
        assertThat(StreamBusLauncher.aotCache(Path.of("cli/target/streambus.jar")))
                .isEqualTo(Path.of("cli/target/streambus.aot"));
    }

    private Path file(String name, Instant modified) throws IOException {
        Path file = Files.writeString(dir.resolve(name), name);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
